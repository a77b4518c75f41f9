#!/bin/sh
# Rebuilds the audio fixtures (espeak-ng, opusenc, ffmpeg, python3). Run from this folder; see README.md.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ff() { ffmpeg -hide_banner -loglevel error -y -bitexact "$@"; }

espeak-ng -v nl -w "$tmp/voice.wav" "Welkom op school. Wij horen graag hoe het met uw kind gaat. Dank u wel voor uw tijd."
espeak-ng -v nl -w "$tmp/short.wav" "Welkom op school."
ff -i "$tmp/voice.wav" -af apad=whole_dur=65 "$tmp/long.wav"

# Accepted
opusenc --quiet --bitrate 16 "$tmp/voice.wav" voice.ogg
ff -i "$tmp/voice.wav" -c:a libopus -b:a 16k voice.webm
python3 chrome-webm.py voice.webm voice-chrome.webm
ff -i "$tmp/voice.wav" -c:a libmp3lame -b:a 16k -ar 16000 voice.mp3
ff -i "$tmp/short.wav" -c:a libmp3lame -b:a 32k -ar 32000 -write_id3v1 1 -metadata title=Welkom voice-mpeg1-id3v1.mp3
ff -i "$tmp/short.wav" -c:a libmp3lame -b:a 8k -ar 8000 -id3v2_version 0 voice-mpeg25-bare.mp3
ff -i "$tmp/voice.wav" -c:a aac -b:a 16k voice.m4a
ff -i "$tmp/voice.wav" -c:a aac -b:a 16k -movflags frag_keyframe+empty_moov+default_base_moof -frag_duration 1000000 voice-fragmented.m4a

# Refused
opusenc --quiet --bitrate 6 "$tmp/long.wav" long.ogg
ff -i "$tmp/short.wav" -c:a libvorbis -q:a 0 vorbis.ogg
ff -i "$tmp/short.wav" -c:a libvorbis -q:a 0 vorbis.webm
ff -i "$tmp/short.wav" -ar 8000 -t 0.5 -c:a alac alac.m4a
ff -i "$tmp/short.wav" -c:a mp2 -b:a 32k -ar 32000 layer2.mp2
ff -f lavfi -i color=c=white:s=16x16:d=1:r=5 -i "$tmp/short.wav" -t 1 -c:v libx264 -c:a aac -b:a 16k -shortest video.mp4
ff -f lavfi -i color=c=orange:s=8x8 -frames:v 1 image-named.ogg.png
mv image-named.ogg.png image.ogg
printf 'OggS<!doctype html><html><body><script>alert(1)</script></body></html>\n' > page-oggs.html
head -c 4096 /dev/urandom > random.bin

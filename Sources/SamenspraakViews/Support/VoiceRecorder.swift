/// The recording page's optional script: where the browser can record (MediaRecorder), each text gets Record, Stop,
/// a play-back of the new take, Save and Discard. Save sends the take as the upload form's file field, with the
/// form's token, then opens the page the server redirected to (with its saved notice) at the same text. Without it
/// (or without a microphone) the upload forms do the same work.
public enum VoiceRecorder {
    public static let script = """
    (function(){
      if(!window.MediaRecorder||!navigator.mediaDevices||!navigator.mediaDevices.getUserMedia)return;
      var types=['audio/ogg;codecs=opus','audio/webm;codecs=opus','audio/mp4'];
      var type=types.filter(function(t){return MediaRecorder.isTypeSupported&&MediaRecorder.isTypeSupported(t);})[0];
      document.querySelectorAll('[data-recorder]').forEach(function(box){
        var form=box.parentNode.querySelector('form[data-upload]');if(!form)return;
        function q(s){return box.querySelector(s);}
        var rec=q('[data-record]'),stop=q('[data-stop]'),save=q('[data-save]'),discard=q('[data-discard]'),preview=q('[data-preview]'),status=q('[data-status]');
        var recorder=null,chunks=[],blob=null,url=null;
        function say(name){status.textContent=box.getAttribute(name)||'';}
        function reset(){
          if(url)URL.revokeObjectURL(url);url=null;blob=null;preview.removeAttribute('src');
          preview.hidden=true;save.hidden=true;discard.hidden=true;stop.hidden=true;rec.hidden=false;status.textContent='';
        }
        box.hidden=false;
        rec.addEventListener('click',function(){
          reset();
          navigator.mediaDevices.getUserMedia({audio:true}).then(function(stream){
            chunks=[];
            recorder=type?new MediaRecorder(stream,{mimeType:type}):new MediaRecorder(stream);
            recorder.ondataavailable=function(e){if(e.data&&e.data.size)chunks.push(e.data);};
            recorder.onstop=function(){
              stream.getTracks().forEach(function(t){t.stop();});
              blob=new Blob(chunks,{type:recorder.mimeType||type||'audio/webm'});
              url=URL.createObjectURL(blob);preview.src=url;
              preview.hidden=false;save.hidden=false;discard.hidden=false;stop.hidden=true;rec.hidden=false;status.textContent='';
              save.focus();
            };
            recorder.start();rec.hidden=true;stop.hidden=false;stop.focus();say('data-busy');
          }).catch(function(){say('data-denied');});
        });
        stop.addEventListener('click',function(){if(recorder&&recorder.state!=='inactive')recorder.stop();});
        discard.addEventListener('click',function(){reset();rec.focus();});
        save.addEventListener('click',function(){
          if(!blob)return;
          var data=new FormData(),token=form.querySelector('input[name=csrf_token]');
          if(token)data.append('csrf_token',token.value);
          var mime=(blob.type||'').split(';')[0];
          data.append('audio',blob,'recording.'+(mime==='audio/ogg'?'ogg':mime==='audio/mp4'?'m4a':'webm'));
          save.disabled=true;say('data-saving');
          fetch(form.action,{method:'POST',body:data,credentials:'same-origin'}).then(function(r){
            if(r.ok){
              var next=(r.redirected&&r.url?r.url:location.href).split('#')[0];
              if(next===location.href.split('#')[0]){location.hash=box.parentNode.id;location.reload();}
              else location.assign(next+'#'+box.parentNode.id);
              return;
            }
            return r.arrayBuffer().then(function(bytes){
              var html=new TextDecoder().decode(bytes);
              var doc=new DOMParser().parseFromString(html,'text/html'),msg=doc.querySelector('#'+box.parentNode.id+' .error');
              status.textContent=msg?msg.textContent:(box.getAttribute('data-failed')||'');save.disabled=false;
            });
          }).catch(function(){say('data-failed');save.disabled=false;});
        });
      });
    })();
    """
}

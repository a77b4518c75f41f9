/// The one hand-written stylesheet, compiled into the binary and served with a long cache lifetime.
/// Logical properties (margin-inline, padding-inline) make right-to-left layouts follow without extra rules.
public enum Stylesheet {
    public static let css = """
    :root{--ink:#1d2433;--muted:#4a5468;--line:#c9cfdb;--bg:#fbfaf7;--card:#fff;--accent:#0b5f73;--accent-ink:#fff;\
    --focus:#c2410c;--ok:#1e6b3a;--ok-bg:#e8f5ec;--err:#a3201c;--err-bg:#fdeceb;--info-bg:#e8f1f8;\
    font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    body{margin:0;font-size:1rem}
    a{color:var(--accent);text-underline-offset:.15em}
    a:hover{text-decoration-thickness:.15em}
    :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:var(--card);padding:.5rem 1rem;z-index:2}
    .skip:focus{top:.5rem}
    header.site,footer.site{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:var(--card);border-block-end:1px solid var(--line)}
    footer.site{border-block-end:0;border-block-start:1px solid var(--line);margin-block-start:3rem;color:var(--muted);font-size:.9rem}
    .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--ink)}
    nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
    .who{color:var(--muted)}
    main{display:block;max-width:60rem;margin:0 auto;padding:1rem}
    main:focus{outline:none}
    h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
    h2{font-size:1.3rem;margin:2rem 0 .75rem}
    h3{font-size:1.05rem;margin:0}
    .lead{font-size:1.1rem;color:var(--muted)}
    .muted{color:var(--muted)}
    .narrow{max-width:34rem}
    .field{margin:0 0 1.25rem;border:0;padding:0}
    fieldset{min-width:0}
    .field label,legend{display:block;font-weight:600;margin-block-end:.25rem}
    .hint{margin:0 0 .35rem;color:var(--muted);font-size:.95rem}
    .error{margin:0 0 .35rem;color:var(--err);font-weight:600}
    .invalid input{border-color:var(--err);border-width:2px}
    input[type=text],input[type=email],input[type=password],input[type=number],input[type=date]{width:100%;max-width:30rem;font:inherit;padding:.6rem .7rem;border:1px solid #6b7487;border-radius:.35rem;background:#fff;color:var(--ink);min-height:2.75rem}
    .choice{display:flex;gap:.6rem;align-items:center;margin:.35rem 0;min-height:2.75rem}
    .choice input{width:1.4rem;height:1.4rem;margin:0;flex:none}
    .choice label{font-weight:400;margin:0}
    button,.button{display:inline-block;font:inherit;font-weight:600;padding:.65rem 1.2rem;border-radius:.35rem;border:2px solid var(--accent);background:var(--card);color:var(--accent);cursor:pointer;text-decoration:none;min-height:2.75rem;max-width:100%;white-space:normal;overflow-wrap:anywhere}
    button.primary,.button{background:var(--accent);color:var(--accent-ink)}
    button.link{border:0;background:none;padding:0;min-height:0;color:var(--accent);text-decoration:underline;font-weight:400}
    .actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-block-start:1.5rem}
    form.inline{display:inline}
    .notice{padding:.75rem 1rem;border-radius:.35rem;margin:1rem 0;border-inline-start:.35rem solid}
    .notice p{margin:0}
    .notice.error,.error-summary{background:var(--err-bg);border-color:var(--err)}
    .notice.success{background:var(--ok-bg);border-color:var(--ok)}
    .notice.info{background:var(--info-bg);border-color:var(--accent)}
    .error-summary{padding:.75rem 1rem;border-inline-start:.35rem solid var(--err);margin:1rem 0}
    .error-summary h2{margin:0 0 .25rem;font-size:1.05rem}
    .cards{list-style:none;padding:0;display:grid;gap:1rem}
    .cards li{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem}
    .cards h2{margin:0}
    .timeline{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem}
    .phase{background:var(--card);border:1px solid var(--line);border-block-start:.4rem solid var(--line);border-radius:.4rem;padding:.75rem}
    .phase p{margin:.25rem 0 0;font-size:.95rem}
    .phase.now{border-block-start-color:var(--accent);box-shadow:0 0 0 2px var(--accent)}
    .phase.done{border-block-start-color:var(--ok)}
    .phase.late{border-block-start-color:var(--focus)}
    .phase .status{font-weight:600}
    .table-wrap{overflow-x:auto}
    table{border-collapse:collapse;width:100%;background:var(--card)}
    th,td{text-align:start;padding:.5rem .6rem;border-block-end:1px solid var(--line);vertical-align:top}
    thead th{border-block-end:2px solid var(--ink)}
    .facts{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1.5rem}
    .facts dt{font-weight:600}
    .facts dd{margin:0}
    .inline-list{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
    .actions-list{padding-inline-start:1.2rem}
    .secret{font-size:1.15rem;word-break:break-all;background:var(--card);border:1px dashed var(--accent);padding:.75rem;border-radius:.35rem}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    .languages [aria-current]{font-weight:700}
    @media (max-width:30rem){.facts{grid-template-columns:1fr}.facts dd{margin-block-end:.5rem}h1{font-size:1.5rem}}
    @media print{header.site nav,footer.site,.skip,.actions,button{display:none}body{background:#fff;font-size:11pt}\
    main{max-width:none;padding:0}a{color:inherit}.phase,.cards li{break-inside:avoid}}
    """
}

extension Stylesheet {
    /// Everything the site serves as `/static/samenspraak.css`.
    public static let full = css + "\n" + parentCSS

    /// A stable fingerprint of the stylesheet (FNV-1a), for its ETag; changes whenever the CSS does.
    public static let fingerprint: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in full.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }()
}

extension Stylesheet {
    /// Parent pages and print pages; appended to the main stylesheet (one file, one request).
    /// Any language, any text size, no sideways scroll on a 320 px phone: words that do not fit break (`overflow-wrap:
    /// anywhere`, hyphenated where the browser can), buttons wrap, grid columns never exceed the screen. A media query's
    /// `em` is the reader's own text size, so `max-width:17.5em` means large text on a small screen (a 320 px phone at
    /// 200%, not at 100%): then the padding shrinks and an answer's words go under its face when they do not fit beside it.
    public static let parentCSS = """
    body.parent{overflow-wrap:anywhere}
    body.parent main{max-width:36rem}
    .parent-head{background:var(--card);border-block-end:1px solid var(--line);padding:.5rem 1rem;font-weight:600}
    .parent-head p{margin:0}
    .language-choice{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(min(9rem,100%),1fr));gap:.6rem}
    .language-choice a{display:block;padding:.8rem 1rem;border:2px solid var(--accent);border-radius:.5rem;text-decoration:none;font-size:1.15rem;text-align:center;background:var(--card)}
    .language-choice a[aria-current]{background:var(--accent);color:var(--accent-ink)}
    .language-choice.small a{font-size:1rem;padding:.5rem}
    .language-choice button{display:block;width:100%;font-size:1.15rem;padding:.8rem 1rem}
    .kiosk-leave{margin-block-start:3rem;font-size:.85rem}
    .kiosk-leave a{color:var(--muted)}
    h1.small,h2.small{font-size:1.1rem}
    .privacy{background:var(--info-bg);padding:.75rem 1rem;border-radius:.4rem}
    button.big{font-size:1.15rem;padding:.8rem 1.4rem;min-height:3rem}
    .progress p{margin:0 0 .25rem;color:var(--muted)}
    progress{width:100%;height:.6rem;accent-color:var(--accent)}
    fieldset.question{border:0;padding:0;margin:1rem 0}
    fieldset.question legend{padding:0;margin-block-end:.5rem}
    fieldset.question legend h1{font-size:1.35rem;line-height:1.35;margin:0}
    .faces{display:grid;gap:.5rem}
    .face-choice{position:relative}
    .face-choice input{position:absolute;inset-inline-start:1rem;top:50%;transform:translateY(-50%);width:1.3rem;height:1.3rem;margin:0}
    .face-choice label{display:flex;align-items:center;gap:.8rem;padding:.6rem 1rem;padding-inline-start:3rem;border:2px solid var(--line);border-radius:.6rem;background:var(--card);min-height:3.5rem;font-size:1.1rem;cursor:pointer}
    .face-choice input:checked+label{border-color:var(--accent);background:var(--info-bg);font-weight:700}
    .face-choice input:focus-visible+label{outline:3px solid var(--focus);outline-offset:2px}
    .face{flex:none;color:var(--accent)}
    .face.f1,.face.f2{color:#8a4b08}
    .face.f0{color:var(--muted)}
    .survey-nav{display:flex;flex-wrap:wrap;gap:.75rem;margin-block-start:1.5rem;flex-direction:row-reverse;justify-content:flex-end}
    textarea{width:100%;font:inherit;padding:.6rem;border:1px solid #6b7487;border-radius:.35rem}
    .speak{min-height:2.5rem;padding:.3rem .8rem;font-size:1rem;margin-block-end:.5rem}
    audio.voice{display:block;width:100%;max-width:100%;height:2.5rem;margin-block:.3rem .5rem}
    body.spoken main :is(h1,h2,p,legend span,.face-choice span){font-size:.9rem;font-weight:normal}
    body.spoken audio.voice{height:3rem}
    .faces audio.voice{margin-block:-.5rem .2rem;padding-inline-start:2.5rem}
    .voice-text{border-block-end:1px solid var(--line);padding-block:.6rem}
    .voice-text form{margin-block:.4rem}
    .also{color:var(--muted);margin-block-start:-.5rem;list-style:none;padding:0}
    .also li{display:inline-block;margin-inline-end:.8rem}
    .code-languages{margin-block-start:2rem}
    .code-input{font-size:1.4rem;letter-spacing:.1em;text-transform:uppercase;max-width:14rem}
    .message h1{margin-block-start:1.5rem}
    .badge{color:#8a4b08;font-size:.9rem}
    .qr{display:block;margin:1rem 0;background:#fff}
    .print-page main{max-width:48rem}
    .print-tools{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:1rem 0}
    .poster h1{font-size:2.2rem;text-align:center}
    .poster .qr{margin:1.5rem auto}
    .poster-link{text-align:center;font-size:1.6rem;font-weight:700;word-break:break-all}
    .poster-lines{list-style:none;padding:0;font-size:1.15rem}
    .poster-lines li{margin:.4rem 0}
    .slip-grid{list-style:none;padding:0;display:grid;grid-template-columns:1fr 1fr;gap:0}
    .slip{border:1px dashed #555;padding:.6rem;break-inside:avoid;height:68mm;overflow:hidden;font-size:.8rem}
    .slip .qr{float:inline-end;margin:0 0 .3rem .5rem}
    .slip-code{font-size:1.5rem;font-weight:700;letter-spacing:.08em;margin:.2rem 0}
    .slip-school,.slip-link{margin:0;font-weight:600}
    .slip-lines{list-style:none;padding:0;margin:.3rem 0 0}
    .goodnews-card h2{font-size:1.05rem;margin:.1rem 0}
    .goodnews-sentence{font-size:1.15rem;font-weight:600;margin:.3rem 0}
    .goodnews-staff,.goodnews-seat{font-size:.75rem;color:#555;margin:0}
    .goodnews-lines{height:3.4rem;background:repeating-linear-gradient(transparent 0 1.6rem,#999 1.6rem 1.68rem)}
    .goodnews-from{font-style:italic;margin:.2rem 0}
    .goodnews-scan{font-size:.75rem;margin:.2rem 0}
    .goodnews-phones{list-style:none;padding:0}
    .goodnews-phone{border:2px solid var(--line);border-radius:.5rem;padding:1rem;margin:1rem 0;max-width:24rem;font-size:1.1rem}
    .goodnews-link{word-break:break-all;font-size:.9rem}
    .goodnews-answer .goodnews-sentence{font-size:1.4rem}
    .goodnews-replies{border:0;padding:0;margin:1rem 0}
    .goodnews-buttons{list-style:none;padding:0;display:grid;gap:.6rem}
    .goodnews-buttons button{width:100%}
    .goodnews-buttons .chosen{outline:3px solid #1d2433;outline-offset:2px}
    .card-row-list{list-style:none;padding:0}
    .card-row{border-block-end:1px solid var(--line);padding:.5rem 0}
    .card-row select{max-width:100%}
    .paper-table th,.paper-table td{font-size:.9rem;padding:.3rem}
    .paper-table thead th{text-align:center}
    .paper-table thead th span{display:block;font-weight:400;font-size:.75rem}
    .box{font-size:1.4rem;display:block;text-align:center}
    .paper-open .lines{height:5rem;border-block-end:1px solid #999;background:repeating-linear-gradient(transparent 0 1.6rem,#ccc 1.6rem 1.65rem)}
    .paper-row{border:0;border-block-end:1px solid var(--line);padding:.5rem 0;margin:0}
    .paper-row legend{font-weight:600;padding:0}
    .paper-choices{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    .screen-only{background:var(--info-bg);padding:.5rem 1rem}
    .bar{display:block;max-width:100%;height:auto;margin:.25rem 0}
    .seg.f4{fill:#0b5f73}.seg.f3{fill:#7fc1cf}.seg.f2{fill:#f0b27a}.seg.f1{fill:#8a4b08}.seg.f0{fill:#d5d9e0}
    .seg-label{font-size:12px;fill:#1d2433;font-weight:700}
    .seg-label.f4,.seg-label.f1{fill:#fff}
    .legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem}
    .key-block{border-block-start:1px solid var(--line);padding-block:.75rem}
    .items{list-style:none;padding:0}
    .items li{margin:.6rem 0}
    .items p{margin:0}
    .score{font-weight:600}
    .score.small{font-weight:400;font-size:.9rem;color:var(--muted)}
    .open-answers{padding-inline-start:1.2rem}
    tr.mirror-blind_spot,tr.mirror-hidden_strength{background:var(--info-bg)}
    tr.mirror-blind_spot td:last-child strong::before{content:"▲ "}
    tr.mirror-hidden_strength td:last-child strong::before{content:"▼ "}
    .open-answer p{margin:.2rem 0}
    .open-answer.is-hidden p{color:var(--muted);text-decoration:line-through}
    @media print{.report .open-answer form,.report .open-answer.is-hidden{display:none}.key-block{break-inside:avoid}\
    .seg.f4{fill:#333}.seg.f3{fill:#999}.seg.f2{fill:#ccc}.seg.f1{fill:#000}.seg.f0{fill:#eee}\
    .seg-label{fill:#000}.seg-label.f4,.seg-label.f1{fill:#fff}}
    @media print{.screen-only{display:none}.print-page main{max-width:none}@page{size:A4;margin:10mm}}
    .language-inline{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.4rem}
    .language-inline a{display:inline-block;padding:.45rem .8rem;border:1px solid var(--accent);border-radius:1.5rem;text-decoration:none;min-height:2.75rem;line-height:1.8}
    .language-inline a[aria-current]{background:var(--accent);color:var(--accent-ink)}
    .moment-when{color:var(--muted);margin-block-start:-.5rem}
    fieldset.question legend{font-size:1.1rem}
    .chip-group{border:0;padding:0;margin:1.25rem 0}
    .chips{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}
    .chips li{position:relative}
    .chips input{position:absolute;inset-inline-start:.7rem;top:50%;transform:translateY(-50%);width:1.2rem;height:1.2rem;margin:0}
    .chips label{display:block;padding:.55rem .9rem;padding-inline-start:2.4rem;border:2px solid var(--line);border-radius:1.5rem;background:var(--card);min-height:2.75rem;cursor:pointer}
    .chips input:checked+label{border-color:var(--accent);background:var(--info-bg);font-weight:700}
    .chips input:focus-visible+label{outline:3px solid var(--focus);outline-offset:2px}
    .reply{background:var(--info-bg);border-inline-start:.35rem solid var(--accent);padding:.5rem 1rem;border-radius:.35rem;margin:1rem 0}
    .reply h2,.reply h4{font-size:1rem;margin:.25rem 0}
    .reply p{margin:.25rem 0;white-space:pre-line}
    .trend{display:grid;gap:1rem}
    .sparks{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:.75rem}
    .sparks p{margin:0;font-weight:600;font-size:.9rem}
    .spark{max-width:100%;height:auto}
    .spark .mid{stroke:var(--line);stroke-dasharray:3 3}
    .spark .ci{stroke:#7fc1cf;stroke-width:5;stroke-linecap:round}
    .spark circle{fill:var(--accent)}
    .spark .trend-line{fill:none;stroke:var(--accent);stroke-width:1.5}
    .spark text{font-size:9px;fill:var(--muted)}
    .spark .warm,.key.warm::before{fill:var(--accent);background:var(--accent)}
    .spark .concern,.key.concern::before{fill:#b45309;background:#b45309}
    .key::before{content:"";display:inline-block;width:.8em;height:.8em;margin-inline-end:.3em}
    .seats{list-style:none;padding:0;margin:1rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(3.25rem,1fr));gap:.4rem}
    .seat{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:3.25rem;border:2px solid var(--line);border-radius:.4rem;background:var(--card);text-decoration:none;font-weight:700}
    .seat.warm{border-color:var(--accent);background:var(--info-bg)}
    .seat.concern{border-color:#b45309}
    .welcome-groups{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(14rem,100%),1fr));gap:1rem}
    .warm-only{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem;margin:1rem 0}
    .trend-table td,.trend-table th{font-size:.9rem;white-space:nowrap}
    .range{color:var(--muted);font-size:.8rem}
    .chip-results{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;margin:1rem 0}
    .chip-table td{text-align:end;width:4rem}
    .quotes{padding-inline-start:1.2rem}
    .poster-sub{text-align:center;font-size:1.3rem}
    form.inline+form.inline,.badge+form.inline{margin-inline-start:1rem}
    .pre-line{white-space:pre-line}
    .story figure{margin:1rem 0}
    .story img,.story-thumb{max-width:100%;height:auto}
    .story-summary{font-size:1.1rem;font-weight:600}
    .search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0}
    .search label{flex-basis:100%;font-weight:600}
    .search input{flex:1;min-width:12rem;font:inherit;padding:.6rem .7rem;border:1px solid #6b7487;border-radius:.35rem;min-height:2.75rem}
    .key-tags a{font-size:.9rem}
    .cards.stories h2{font-size:1.05rem;margin:0}
    .comments{list-style:none;padding:0;margin:.5rem 0;font-size:.95rem}
    .comment-form textarea{margin:.25rem 0}
    input[type=time],input[type=url]{width:100%;max-width:30rem;font:inherit;padding:.6rem .7rem;border:1px solid #6b7487;border-radius:.35rem;background:#fff;min-height:2.75rem}
    @media print{.no-print,.search{display:none}}
    @media (max-width:17.5em){body.parent{hyphens:auto}body.parent main,.parent-head{padding-inline:.5rem}\
    .face-choice label{flex-wrap:wrap;padding-inline:2.3rem .6rem}.face-choice input{inset-inline-start:.6rem}\
    .chips label{padding-inline:2.1rem .6rem}.chips input{inset-inline-start:.5rem}\
    button.big,.language-choice a,.language-choice button{padding-inline:.6rem}}
    .key-chart{margin:.5rem 0 1rem}
    .chart-legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.25rem 0;font-size:.9rem}
    .chart-sym::before{content:"";display:inline-block;vertical-align:middle;width:0;height:0;margin-inline-end:.4em;border:.36em solid var(--accent);border-radius:50%}
    .chart-sym.sym-team::before{border-color:#8a4b08;border-radius:0}
    .chart-sym.sym-before::before{width:.5em;height:.5em;border-width:.13em;border-color:var(--muted)}
    .chart-scale,.chart-row{display:grid;grid-template-columns:minmax(9rem,15rem) minmax(0,1fr) minmax(5rem,9rem);gap:0 .75rem;align-items:center}
    .chart-ticks{display:flex;justify-content:space-between;font-size:.8rem;color:var(--muted)}
    .chart-rows{list-style:none;margin:0;padding:0}
    .chart-row{border-block-start:1px solid var(--line)}
    .chart-key{font-size:.9rem;line-height:1.25}
    .chart-track{display:block;overflow:visible}
    .chart-track .grid{stroke:var(--line);stroke-width:1}
    .chart-track .range,.chart-track .range-end{stroke:var(--ink);stroke-width:2}
    .chart-track .range-team{stroke:#8a4b08;stroke-dasharray:5 3}
    .chart-track .range-before{stroke:var(--muted);stroke-dasharray:1 3}
    .mark-now{fill:var(--accent)}.mark-team{fill:#8a4b08}.mark-before{fill:#fff;stroke:var(--muted);stroke-width:2}
    .chart-legend .range-before{stroke:var(--muted)}
    .chart-hidden{font-size:.75rem;fill:var(--muted)}
    .chart-notes{display:flex;flex-wrap:wrap;gap:0 .6rem;font-size:.85rem;line-height:1.25}
    .note-strength,.note-growth{font-weight:700}
    .note-strength::before{content:"★ "}.note-growth::before{content:"◆ "}.note-up::before{content:"↑ "}.note-down::before{content:"↓ "}
    .note-blind_spot::before{content:"▲ "}.note-hidden_strength::before{content:"▼ "}
    .glance h2{margin-block:.5rem .25rem}
    @media (max-width:40rem){.chart-row{grid-template-columns:minmax(0,1fr);padding-block:.3rem}.chart-scale{grid-template-columns:minmax(0,1fr)}\
    .chart-scale>span:first-child,.chart-scale>span:last-child{display:none}}
    main:has(.meeting){max-width:80rem}
    .slide{min-height:calc(100vh - 2rem);padding-block:1rem 2rem;border-block-end:2px solid var(--line);font-size:1.25rem;display:flex;flex-direction:column;gap:.35rem}
    .slide:focus{outline:none}
    .slide-key h2{font-size:2.3rem;margin:.25rem 0;line-height:1.2}
    .slide-count{color:var(--muted);margin:0}
    .slide-figure{font-size:1.6rem;font-weight:700;margin:.25rem 0}
    .slide-lines{padding-inline-start:1.2rem;margin:0}
    .slide .chart-notes{font-size:1.1rem}
    .slide h3{font-size:1.3rem;margin:.75rem 0 .25rem}
    .slide-nav{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin-block-start:auto;padding-block-start:1rem}
    .slide-nav a{padding:.5rem .9rem;border:2px solid var(--accent);border-radius:.4rem;text-decoration:none;min-height:2.75rem}
    .slide-next{margin-inline-start:auto}
    @media print{body:has(.meeting) header.site{display:none}.meeting,.slide{page:slides}\
    .slide{break-after:page;min-height:0;border:0;padding:0;font-size:.8rem;gap:.1rem}.slide:last-child{break-after:auto}\
    .slide-nav,.glance>p,.slide-key .key-chart .chart-notes{display:none}.slide-key h2{font-size:1.5rem}.slide-figure{font-size:1rem}\
    .slide h3{font-size:.95rem;margin-block:.3rem 0}.slide p,.slide ul,.slide ol{margin-block:.1rem}.slide-words ul{columns:2;column-gap:2rem}\
    .slide .open-answers li{break-inside:avoid}.slide .chart-key{font-size:.75rem}\
    .key-chart{break-inside:avoid}.mark-now{fill:#000}.mark-team{fill:#555}.chart-track .range,.chart-track .range-end{stroke:#000}}
    @page slides{size:A4 landscape;margin:12mm}
    """
}

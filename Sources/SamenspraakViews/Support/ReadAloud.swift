/// The only script of the site, and optional: read-aloud buttons appear only where the browser has a voice
/// for the page's language, and print buttons on print pages; without it (or without JavaScript) the pages work
/// exactly the same.
public enum ReadAloud {
    public static let script = """
    (function(){
      document.querySelectorAll('button[data-print]').forEach(function(b){
        b.hidden=false;b.addEventListener('click',function(){window.print();});
      });
      if(!('speechSynthesis' in window))return;
      var lang=(document.documentElement.lang||'').toLowerCase();
      function voice(){return speechSynthesis.getVoices().filter(function(v){return v.lang.toLowerCase().indexOf(lang)===0;})[0];}
      function setup(){
        var v=voice();if(!v)return;
        document.querySelectorAll('button[data-speak]').forEach(function(b){
          b.hidden=false;
          b.addEventListener('click',function(){
            var el=document.getElementById(b.getAttribute('data-speak'));if(!el)return;
            var text=el.textContent;var fs=b.closest('fieldset');
            if(fs){fs.querySelectorAll('.face-choice label span').forEach(function(s){text+='. '+s.textContent;});}
            speechSynthesis.cancel();var u=new SpeechSynthesisUtterance(text);u.voice=v;u.lang=v.lang;speechSynthesis.speak(u);
          });
        });
      }
      if(speechSynthesis.getVoices().length)setup();else speechSynthesis.addEventListener('voiceschanged',setup,{once:true});
    })();
    """
}

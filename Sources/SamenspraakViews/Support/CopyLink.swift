import Plot

/// An optional copy button for a link shown once: hidden until the script finds the clipboard, so without
/// JavaScript the page shows only the link as selectable text.
public enum CopyLink {
    public static let script = """
    (function(){
      if(!(navigator.clipboard&&navigator.clipboard.writeText))return;
      document.querySelectorAll('button[data-copy]').forEach(function(b){
        var el=document.getElementById(b.getAttribute('data-copy'));if(!el)return;
        var status=document.getElementById(b.getAttribute('data-copy')+'-status');
        b.hidden=false;
        b.addEventListener('click',function(){
          navigator.clipboard.writeText(el.textContent.trim()).then(function(){
            if(status)status.textContent=b.getAttribute('data-copied');
          },function(){
            if(status)status.textContent=b.getAttribute('data-failed');
          });
        });
      });
    })();
    """

    /// The script tag for a page's head.
    public static var scriptTag: Node<HTML.HeadContext> {
        .element(named: "script", nodes: [.attr("src", SiteRoute.copyLinkScript.path), .attribute(named: "defer")])
    }

    /// A button that copies the text of element `targetID`, with a live region `targetID-status` for the outcome.
    public static func button(targetID: String, label: String, copied: String, failed: String) -> Node<HTML.BodyContext> {
        .group(
            .button(.type(.button), .class("copy"), .attr("data-copy", targetID), .attr("data-copied", copied), .attr("data-failed", failed),
                    .attribute(named: "hidden"), .plainText(label)),
            .span(.attr("id", "\(targetID)-status"), .attr("role", "status"), .attr("class", "muted"))
        )
    }
}

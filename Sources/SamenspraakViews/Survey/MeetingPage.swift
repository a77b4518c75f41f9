import Foundation
import Plot
import SamenspraakCore

/// The report for the team meeting: the chart at a glance, then one key per screen in large type with the same figures
/// as the report, the parents' words the report shows beside that key, and questions to talk about. Links move from
/// key to key without JavaScript (a small script adds the arrow keys); printed, every key is an A4 landscape slide.
public enum MeetingPage {
    /// Left and right arrow (and page up/down) go to the previous or next slide, unless a field has the focus.
    public static let script = """
    (function(){
      var slides=[].slice.call(document.querySelectorAll('.slide'));if(!slides.length)return;
      function current(){
        var id=location.hash.slice(1);
        for(var i=0;i<slides.length;i++){if(slides[i].id===id)return i;}
        var at=0,y=window.scrollY+window.innerHeight/3;
        for(var j=0;j<slides.length;j++){if(slides[j].offsetTop<=y)at=j;}
        return at;
      }
      document.addEventListener('keydown',function(e){
        if(e.altKey||e.ctrlKey||e.metaKey||e.shiftKey)return;
        var el=e.target;if(el&&(el.isContentEditable||/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName)))return;
        var step=(e.key==='ArrowRight'||e.key==='PageDown')?1:(e.key==='ArrowLeft'||e.key==='PageUp')?-1:0;
        if(!step)return;
        var next=Math.max(0,Math.min(slides.length-1,current()+step));
        e.preventDefault();
        location.hash='#'+slides[next].id;
        slides[next].focus({preventScroll:true});
      });
    })();
    """

    static func slideID(_ key: Int?) -> String { key.map { "key-\($0)" } ?? "overview" }

    public static func view(_ model: ReportPage.Model) -> HTML {
        let t = model.shell.t
        let report = model.report
        let keys = report.hasFigures ? report.keys : []
        let title = t("meeting.title")
        return Layout.document(model.shell, title: title,
                               head: .element(named: "script", nodes: [.attr("src", SiteRoute.meetingScript.path), .attribute(named: "defer")]),
                               main: .div(
            .class("meeting"),
            .section(
                .attr("class", "slide slide-overview"), .attr("id", slideID(nil)), .attr("tabindex", "-1"), .attr("aria-labelledby", "meeting-title"),
                .h1(.attr("id", "meeting-title"), .plainText(title)),
                .p(.class("lead"), .plainText("\(model.schoolName) · \(model.period)")),
                .p(.class("no-print"), .plainText(t("meeting.intro"))),
                report.hasFigures
                    ? ReportPage.glance(model, meetingLink: false)
                    : .p(.class("notice info"), .plainText(report.responses == 0 ? t("report.responses_none") : t("report.too_few", [
                        "n": String(report.threshold), "count": String(report.responses), "who": ReportPage.who(model.isTeam, t)]))),
                navigation(model, index: nil, keys: keys.map(\.key))
            ),
            .forEach(Array(keys.enumerated())) { index, result in slide(result, index: index, keys: keys.map(\.key), model) }
        ))
    }

    /// Links to the previous and next slide (the overview before the first key, the report after the last).
    static func navigation(_ model: ReportPage.Model, index: Int?, keys: [Int]) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let previous: Node<HTML.BodyContext> = switch index {
        case nil: .a(.attr("href", SiteRoute.report(waveID: WaveID(model.waveID)).path), .attr("class", "slide-prev"), .plainText(t("meeting.back")))
        case 0?: .a(.attr("href", "#" + slideID(nil)), .attr("class", "slide-prev"), .attr("rel", "prev"), .plainText(t("meeting.overview")))
        case let i?: .a(.attr("href", "#" + slideID(keys[i - 1])), .attr("class", "slide-prev"), .attr("rel", "prev"),
                        .plainText(t("meeting.previous", ["n": String(keys[i - 1])])))
        }
        let nextIndex = index.map { $0 + 1 } ?? 0
        let next: Node<HTML.BodyContext> = nextIndex < keys.count
            ? .a(.attr("href", "#" + slideID(keys[nextIndex])), .attr("class", "slide-next"), .attr("rel", "next"),
                 .plainText(t("meeting.next", ["n": String(keys[nextIndex])])))
            : .a(.attr("href", SiteRoute.report(waveID: WaveID(model.waveID)).path), .attr("class", "slide-next"), .plainText(t("meeting.back")))
        // Every slide has its own, so each is named after its slide (landmarks must be told apart).
        let label = t("meeting.nav") + " · " + (index.map { t("meeting.count", ["n": String($0 + 1), "total": String(keys.count)]) } ?? t("chart.glance"))
        return .element(named: "nav", nodes: [.attr("class", "slide-nav"), .attr("aria-label", label), previous, next])
    }

    static func slide(_ result: WaveReport.KeyResult, index: Int, keys: [Int], _ model: ReportPage.Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let id = slideID(result.key)
        let row = ReportPage.glanceRow(result, model)
        let threshold = model.report.threshold
        let strength = model.report.strengths.contains(result.key)
        let growth = model.report.growth.contains(result.key)
        var lines: [String] = []
        if let mirror = model.mirror {
            lines.append(t("meeting.team", ["period": mirror.period,
                                            "figure": ReportPage.teamScore(result.key, model).map { ReportPage.shortShare($0, t) }
                                                ?? t("chart.hidden", ["n": String(threshold)])]))
        }
        if let previous = model.previous, previous.report.hasFigures, let before = ReportPage.beforeScore(result.key, model), let now = result.score {
            lines.append(t("meeting.change", ["period": previous.period, "then": ReportPage.tenthsText(before.value, t),
                                              "change": ReportPage.changeText(before: before, now: now, t)]))
        }
        return .section(
            .attr("class", "slide slide-key"), .attr("id", id), .attr("tabindex", "-1"), .attr("aria-labelledby", id + "-title"),
            .p(.class("slide-count"), .plainText(t("meeting.count", ["n": String(index + 1), "total": String(keys.count)]))),
            .h2(.attr("id", id + "-title"), .plainText(t("report.key", ["n": String(result.key), "name": model.texts("key.\(result.key)")]))),
            .if(!row.notes.isEmpty, .p(.class("chart-notes"), .forEach(row.notes) { note in
                .span(.attr("class", "chart-note note-\(note.kind)"), .plainText(note.text))
            })),
            .p(.class("slide-figure"), .plainText(ReportPage.scoreText(result.score, isKey: true, isTeam: model.isTeam, threshold: threshold, t))),
            .ul(.class("slide-lines"), .forEach(lines) { .li(.plainText($0)) }),
            KeyChart.view(id: "chart-\(id)", label: t("report.key", ["n": String(result.key), "name": model.texts("key.\(result.key)")]),
                          legend: ReportPage.glanceLegend(model), rows: [row], t: t),
            .if(strength, words("well", model)),
            .if(growth, words("help", model)),
            .div(.class("slide-prompts"),
                 .h3(.plainText(t("meeting.prompts"))),
                 .ol(.forEach(["meeting.prompt_1", strength ? "meeting.prompt_strength" : growth ? "meeting.prompt_growth" : "meeting.prompt_2", "meeting.prompt_3"]) {
                     .li(.plainText(t($0)))
                 })),
            navigation(model, index: index, keys: keys)
        )
    }

    /// The open answers the report shows beside this key: what goes well beside a strength, what would help beside a
    /// growth opportunity; only those not hidden, and only once the report shows open answers at all.
    static func words(_ question: String, _ model: ReportPage.Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let answers = model.report.openAnswers.filter { $0.question == question && !$0.hidden }
        return .div(
            .class("slide-words"),
            .h3(.plainText(t(question == "well" ? "meeting.words_well" : "meeting.words_help", ["who": ReportPage.who(model.isTeam, t)]))),
            answers.isEmpty ? .p(.class("muted"), .plainText(t("report.open_none"))) : .ul(.class("open-answers"), .forEach(answers) { answer in
                .li(.p(.attr("dir", "auto"), .plainText(answer.text)),
                    .unwrap(ReportPage.languageNote(answer, model)) { .p(.class("muted small"), .plainText($0)) })
            })
        )
    }
}

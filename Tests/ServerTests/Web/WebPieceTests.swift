import Foundation
import Localization
@testable import Server
import Testing

@Suite("Web pages: pure pieces")
struct WebPieceTests {
    @Test
    func formsDecodePlusesPercentsAndRepeatedNames() {
        let form = FormData(encoded: "q=after+school&barrier=anxiety&barrier=food_insecurity&note=caf%C3%A9%20%26%20more&empty=&csrf_token=ab")
        #expect(form["q"] == "after school")
        #expect(form.all("barrier") == ["anxiety", "food_insecurity"])
        #expect(form["note"] == "café & more")
        #expect(form["empty"] == nil && form["missing"] == nil)
        #expect(CSRFProtection.constantTimeEquals("ab", "ab") && !CSRFProtection.constantTimeEquals("ab", "ac") && !CSRFProtection.constantTimeEquals("ab", "abc"))
    }

    @Test
    func onlyLocalPathsAreFollowedAfterSignIn() {
        #expect(WebPaths.isLocal("/coordinator/students?q=S-1"))
        for path in ["//evil.example.com", "https://evil.example.com", "/\\evil.example.com", "coordinator", "/a\r\nSet-Cookie: x=1"] {
            #expect(!WebPaths.isLocal(path), "\(path)")
        }
    }

    @Test
    func barsScaleToTheLargestValueAndSuppressedCellsHaveNoLength() {
        let svg = SVGCharts.horizontalBars(id: "t", title: "Rate <by> school", description: "d", bars: [
            .init(label: "Lincoln & Co", value: 50, text: "50%"), .init(label: "Garfield", value: 25, text: "25%"),
            .init(label: "Tiny", value: nil, text: "<10"),
        ], maxValue: 100)
        #expect(svg.contains(#"role="img" aria-labelledby="t-title t-desc""#))
        #expect(svg.contains("<title id=\"t-title\">Rate &lt;by&gt; school</title>"))
        #expect(svg.contains("Lincoln &amp; Co"))
        #expect(svg.contains(#"<rect class="bar" x="220" y="12" width="150""#))   // 50 of 100 over 300 px
        #expect(svg.contains(#"<rect class="bar" x="220" y="38" width="75""#))
        #expect(svg.contains(#"<rect class="suppressed""#) && svg.contains(">&lt;10</text>"))
        #expect(svg.components(separatedBy: #"class="bar""#).count - 1 == 2)

        let columns = SVGCharts.columns(id: "c", title: "Days", description: "d", bars: [
            .init(label: "0–7", value: 30, text: "30"), .init(label: "8–14", value: 15, text: "15"), .init(label: "15+", value: 0, text: "0"),
        ])
        #expect(columns.contains(#"height="180" fill"#))  // the tallest bin fills the plot
        #expect(columns.contains(#"height="90" fill"#))
        #expect(columns.contains(#"height="0" fill"#))
    }

    @Test
    func everyTemplateParsesAndTheLayoutHasItsLandmarks() {
        let renderer = PageRenderer(catalogs: .shipped)
        #expect(Set(renderer.libraries.keys) == ["en", "es"])
        for library in renderer.libraries.values {
            for name in Templates.all.keys { #expect(library.getTemplate(named: name) != nil, "\(name)") }
        }
        #expect(Templates.layout.contains(#"<nav aria-label="[[layout.nav_label]]">"#))
        #expect(PageRenderer.translated(Templates.layout, Catalogs.shipped.words("es")).contains(#"<nav aria-label="Principal">"#))
    }

    /// Every `[[key]]` a template uses is in the English catalog (so in Spanish too: CatalogTests).
    @Test
    func everyTemplateKeyIsInTheCatalog() {
        let english = Catalogs.shipped.english
        for (name, text) in Templates.all {
            var rest = text[...]
            while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
                let key = String(rest[open.upperBound..<close.lowerBound])
                #expect(key == "@lang" || english.entries[key] != nil, "template \(name) uses \(key), which no catalog has")
                rest = rest[close.upperBound...]
            }
        }
        // Catalog text is escaped where it lands.
        let words = Words(catalog: Catalog(language: "xx", entries: ["k": .text(#"<b>"&'"#)]), fallback: Catalogs.shipped.english)
        #expect(PageRenderer.translated("<p title=\"[[k]]\">[[k]]</p>", words) == "<p title=\"&lt;b&gt;&quot;&amp;'\">&lt;b&gt;&quot;&amp;'</p>")
    }
}

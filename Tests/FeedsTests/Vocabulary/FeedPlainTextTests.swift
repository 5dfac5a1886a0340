import Foundation
import Testing
@testable import Feeds

@Suite("Vocabulary: plain text from feed text")
struct FeedPlainTextTests {
    @Test(arguments: [
        // BC 211's AIRS export after XML parsing: tags escaped once more, "&nbsp;" escaped twice.
        ("The &lt;b&gt;Infant Development Program&lt;/b&gt; offers home visits.",
         "The Infant Development Program offers home visits."),
        ("Youth can attend monthly&amp;nbsp;get-togethers.&amp;nbsp;&lt;strong&gt;Speak-Out Youth &lt;/strong&gt;is an online resource",
         "Youth can attend monthly get-togethers. Speak-Out Youth is an online resource"),
        ("Provides information about adoption through BC&#39;s waiting child program.",
         "Provides information about adoption through BC's waiting child program."),
        // The same text as it sits in the XML file, escaped one level more.
        ("The &amp;lt;b&amp;gt;Infant Development Program&amp;lt;/b&amp;gt; and Master&amp;#39;s students",
         "The Infant Development Program and Master's students"),
        ("Tom &amp; Jerry&rsquo;s &ldquo;club&rdquo; &ndash; ages 5&ndash;12", "Tom & Jerry’s “club” – ages 5–12"),
        ("Caf&eacute; &#x2019;n&#8217; more&hellip;", "Café ’n’ more…"),
        ("Smart quotes from Word: &#146;s and &#147;x&#148;", "Smart quotes from Word: ’s and “x”"),
        ("<b>Bold</b> and <i>italic</i> and <a href=\"https://example.org/a?b=1&c=2\">a link</a>.",
         "Bold and italic and a link."),
        ("<p>First paragraph.</p><p>Second&nbsp;paragraph.</p>", "First paragraph.\n\nSecond paragraph."),
        ("Line one<br>Line two<br/>Line three<BR />Line four", "Line one\nLine two\nLine three\nLine four"),
        ("Services:<ul>\n  <li>Food</li>\n  <li>Rent help</li>\n</ul>Call us.", "Services:\n\nFood\nRent help\n\nCall us."),
        ("<div>One</div>\n\n\n<div>Two</div>", "One\nTwo"),
        ("<p>Intro</p>\n<p></p><p>&nbsp;</p><p></p><p>After blanks</p>", "Intro\n\nAfter blanks"),
        ("<p>  Spaces   inside\n the   markup  </p>", "Spaces inside the markup"),
        ("<h2>Hours</h2><table><tr><td>Mon</td><td>9-5</td></tr><tr><td>Tue</td><td>9-5</td></tr></table>",
         "Hours\n\nMon 9-5\nTue 9-5"),
        ("Text<!-- a comment with <b>tags</b> -->after", "Textafter"),
        ("<style>p { color: red; }</style><p>Visible</p><script>alert('x')</script>", "Visible"),
        ("<p class=\"MsoNormal\">Word paste<o:p></o:p></p>", "Word paste"),
        // Only inline tags: the author's own line breaks stay.
        ("<b>Eligibility</b>\nAges 5-18\nMust live in the county", "Eligibility\nAges 5-18\nMust live in the county"),
    ])
    func htmlBecomesPlainText(feed: String, plain: String) {
        #expect(FeedPlainText.plainText(feed) == plain)
    }

    @Test(arguments: [
        ("First line\\nSecond line", "First line\nSecond line"),
        ("Windows\\r\\nbreak", "Windows\nbreak"),
        ("Para one\\n\\n\\n\\nPara two", "Para one\n\nPara two"),
        ("  Padded text  \n\n", "Padded text"),
        ("Trailing spaces   \nnext line", "Trailing spaces\nnext line"),
        ("Zero\u{200B}width and soft\u{AD}hyphen", "Zerowidth and softhyphen"),
        ("Tabs\tbecome spaces", "Tabs become spaces"),
    ])
    func breaksAndWhiteSpace(feed: String, plain: String) {
        #expect(FeedPlainText.plainText(feed) == plain)
    }

    @Test(arguments: [
        // UTF-8 decoded as Windows-1252.
        ("Children\u{E2}\u{20AC}\u{2122}s programs", "Children’s programs"),
        ("Caf\u{C3}\u{A9} and Ni\u{C3}\u{B1}os", "Café and Niños"),
        ("\u{E2}\u{20AC}\u{153}Quoted\u{E2}\u{20AC}\u{9D} text", "“Quoted” text"),
        ("Ages 5\u{E2}\u{20AC}\u{201C}12", "Ages 5–12"),
        ("Wait\u{E2}\u{20AC}\u{A6}", "Wait…"),
        ("Price\u{C2}\u{A0}list", "Price list"),
        ("S\u{C3}\u{A3}o Paulo", "São Paulo"),
        // Latin-1 decoding leaves C1 controls where Windows-1252 has punctuation.
        ("don\u{E2}\u{80}\u{99}t", "don’t"),
        // UTF-8 decoded as CP-437, and the same with its Γ flattened to G.
        ("It\u{393}\u{C7}\u{D6}s open", "It’s open"),
        ("ItG\u{C7}\u{D6}s open GÇ£now GÇ¥", "It’s open “now ”"),
        ("Families \u{393}\u{C7}\u{F4} all welcome", "Families – all welcome"),
        // Broken twice.
        ("itÃ¢â‚¬â„¢s", "it’s"),
        // Chinese text broken as a run.
        ("\u{E4}\u{B8}\u{AD}\u{E6}\u{96}\u{87}", "中文"),
        ("ä¸­æ–‡ services", "中文 services"),
        // A byte-order mark broken into "ï»¿".
        ("\u{EF}\u{BB}\u{BF}Name", "Name"),
    ])
    func repairsMojibake(feed: String, plain: String) {
        #expect(FeedPlainText.plainText(feed) == plain)
    }

    @Test(arguments: [
        "5 < 6 and 7 > 3",
        "AT&T",
        "R&D; Q&A",
        "Niños y familias",
        "Kreyòl ayisyen",
        "São Paulo",
        "Crème brûlée, naïve façade, Zürich",
        "JOSÉ’S PLACE",
        "café…”",
        "Ελληνικά and Русский",
        "中文服务",
        "Age <18 or >65",
        "Use <age> placeholder",
        "Fees: $5 & up",
        "¿Necesita ayuda? ¡Llámenos!",
        "50% off; 3 × 4 ≥ 10",
    ])
    func plainTextPassesThrough(text: String) {
        #expect(FeedPlainText.plainText(text) == text)
    }

    @Test func codePagesCoverTheirHighHalf() {
        #expect(WindowsCodePages.cp437.count == 128)
        #expect(WindowsCodePages.cp437[0x80] == "Ç" && WindowsCodePages.cp437[0xE2] == "Γ" && WindowsCodePages.cp437[0xFF] == "\u{A0}")
        #expect(WindowsCodePages.windows1252.count == 128)
        #expect(WindowsCodePages.windows1252[0x92] == "’" && WindowsCodePages.windows1252[0xE9] == "é")
    }

    @Test func singleLineJoinsLines() {
        #expect(FeedPlainText.singleLine("<p>Casa&nbsp;Esperanza</p>\n<p>Eastside</p>") == "Casa Esperanza Eastside")
        #expect(FeedPlainText.singleLine("Tom &amp; Jerry") == "Tom & Jerry")
    }

    @Test(.enabled(if: SharedFeeds.isPresent)) func realExcerptDescriptionsHaveNoMarkupLeft() throws {
        let xml = try SharedFeeds.text("bc211-airs-excerpt/BC211_data_excerpt.xml")
        let descriptions = DescriptionCollector.descriptions(in: xml)
        #expect(descriptions.count > 50)
        for description in descriptions {
            let plain = FeedPlainText.plainText(description)
            #expect(!plain.contains("&lt;") && !plain.contains("&amp;") && !plain.contains("&#39;") && !plain.contains("<b>"), "\(plain)")
            #expect(!plain.contains("<strong>") && !plain.contains("\u{A0}"), "\(plain)")
        }
        #expect(descriptions.contains { FeedPlainText.plainText($0).contains("Speak-Out Youth is an online resource") })
    }
}

/// The text of every description-like element, with the one level of XML escaping an XML parser removes.
enum DescriptionCollector {
    static func descriptions(in xml: String) -> [String] {
        var found: [String] = []
        for element in ["AgencyDescription", "SiteDescription", "Description"] {
            for part in xml.components(separatedBy: "<\(element)>").dropFirst() {
                guard let end = part.range(of: "</\(element)>") else { continue }
                found.append(xmlUnescaped(String(part[..<end.lowerBound])))
            }
        }
        return found
    }

    private static func xmlUnescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

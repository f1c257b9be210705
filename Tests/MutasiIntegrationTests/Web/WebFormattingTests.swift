import MutasiDomain
import MutasiHTTP
import Testing

/// Indonesian dates and numbers, and the escaping every page value goes through.
@Suite("Web formatting")
struct WebFormattingTests {
    @Test("Dates read 29 November 2026")
    func dates() throws {
        #expect(IndonesianFormat.date(try CalendarDate(year: 2026, month: 11, day: 29)) == "29 November 2026")
        #expect(IndonesianFormat.date(try CalendarDate(year: 2027, month: 1, day: 1)) == "1 Januari 2027")
        #expect(IndonesianFormat.date(try CalendarDate(year: 2026, month: 8, day: 17)) == "17 Agustus 2026")
    }

    @Test("Numbers group thousands with dots and decimals after a comma")
    func numbers() throws {
        #expect(IndonesianFormat.number(0) == "0")
        #expect(IndonesianFormat.number(999) == "999")
        #expect(IndonesianFormat.number(1234) == "1.234")
        #expect(IndonesianFormat.number(-1234567) == "-1.234.567")
        #expect(IndonesianFormat.number(try Rational(12345, 10), decimals: 1) == "1.234,5")
        #expect(IndonesianFormat.number(try Rational(2, 3), decimals: 2) == "0,67")
        #expect(IndonesianFormat.number(try Rational(-5, 2), decimals: 0) == "-3")
        #expect(IndonesianFormat.number(try Rational(1, 1000), decimals: 1) == "0,0")
        #expect(IndonesianFormat.number(Rational(Int.max), decimals: 2).hasPrefix("9.223.372"))
        #expect(IndonesianFormat.percent(try Rational(3, 7)) == "42,9%")
        #expect(IndonesianFormat.percent(.zero) == "0,0%")
    }

    @Test("Interpolated text is escaped; markup from literals is kept")
    func escaping() {
        let name = "<b>A & B</b> \"q\" 'r'"
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.text == "<p title=\"&lt;b&gt;A &amp; B&lt;/b&gt; &quot;q&quot; &#39;r&#39;\">&lt;b&gt;A &amp; B&lt;/b&gt; &quot;q&quot; &#39;r&#39;</p>")
        let inner: HTML = "<em>\(name)</em>"
        let outer: HTML = "<div>\(inner)</div>"
        #expect(outer.text == "<div><em>&lt;b&gt;A &amp; B&lt;/b&gt; &quot;q&quot; &#39;r&#39;</em></div>")
        #expect(HTML.escape("ok 42") == "ok 42")
    }
}

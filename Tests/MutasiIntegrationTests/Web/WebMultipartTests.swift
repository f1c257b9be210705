import Foundation
@testable import MutasiHTTP
import Testing

/// The upload forms' multipart parser: what a browser sends is read exactly, anything else refused.
@Suite("Multipart form parser")
struct WebMultipartTests {
    static func body(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test("Fields and a file with CR LF inside, a quoted file name holding ; and the last delimiter")
    func parts() throws {
        let body = Self.body("""
            --b0undary
            Content-Disposition: form-data; name="csrf"

            abc123
            --b0undary
            Content-Disposition: form-data; name="berkas"; filename="unit;2026.csv"
            Content-Type: text/csv

            a;b
            c;d
            --b0undary--

            """)
        let form = try WebMultipart.parse(body, boundary: "b0undary")
        #expect(form.parts.count == 2)
        #expect(form["csrf"] == "abc123")
        let file = try #require(form.part("berkas"))
        #expect(file.fileName == "unit;2026.csv")
        #expect(file.text == "a;b\r\nc;d")
        #expect(form["tidak-ada"] == nil)
    }

    @Test("A part's bytes may hold the boundary text as long as no CR LF and dashes come before it")
    func boundaryInsideContent() throws {
        let body = Self.body("--xy\nContent-Disposition: form-data; name=\"f\"; filename=\"a.csv\"\n\nkode--xy;--xy\n--xy--")
        let form = try WebMultipart.parse(body, boundary: "xy")
        #expect(form.part("f")?.text == "kode--xy;--xy")
    }

    @Test("Malformed bodies are refused", arguments: [
        "no delimiter at all",
        "--b\nContent-Disposition: form-data; name=\"a\"\n\nnot closed",
        "--b\nContent-Type: text/plain\n\nx\n--b--",
        "--b\nContent-Disposition: attachment; name=\"a\"\n\nx\n--b--",
        "--b\nContent-Disposition: form-data; filename=\"a\"\n\nx\n--b--",
        "--b\nContent-Disposition: form-data; name=\"a\"\nno blank line\n--b--",
        "preamble\n--b\nContent-Disposition: form-data; name=\"a\"\n\nx\n--b--",
        "--bXContent-Disposition: form-data; name=\"a\"\n\nx\n--b--",
    ])
    func malformed(_ text: String) {
        #expect(throws: (any Error).self) { try WebMultipart.parse(Self.body(text), boundary: "b") }
    }

    @Test("The boundary is read from the Content-Type of a multipart form only")
    func boundary() {
        #expect(WebMultipart.boundary(contentType: "multipart/form-data; boundary=----WebKitFormBoundaryAbc") == "----WebKitFormBoundaryAbc")
        #expect(WebMultipart.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(WebMultipart.boundary(contentType: "multipart/form-data") == nil)
        #expect(WebMultipart.boundary(contentType: "multipart/mixed; boundary=x") == nil)
        #expect(WebMultipart.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(WebMultipart.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test("The search finds a pattern at the start, in the middle and at the end, and nothing past the end")
    func find() {
        let hay = Array("abcabd".utf8)
        #expect(WebMultipart.find(Array("ab".utf8), in: hay, from: 0) == 0)
        #expect(WebMultipart.find(Array("abd".utf8), in: hay, from: 0) == 3)
        #expect(WebMultipart.find(Array("ab".utf8), in: hay, from: 1) == 3)
        #expect(WebMultipart.find(Array("d".utf8), in: hay, from: 5) == 5)
        #expect(WebMultipart.find(Array("abx".utf8), in: hay, from: 0) == nil)
        #expect(WebMultipart.find(Array("ab".utf8), in: hay, from: 6) == nil)
        #expect(WebMultipart.find(Array("abcabdx".utf8), in: hay, from: 0) == nil)
    }
}

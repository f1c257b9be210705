import Crypto
import Foundation
import Hummingbird

/// The script that shows a needs analysis's figures as they are typed (`abk.js`), read once from
/// the bundle and served like the stylesheet: under a hash of its content, cached for a year.
/// Pages send `script-src 'self'`, so only this file runs: no inline script.
enum NeedsScript {
    static let content: String = {
        guard let url = Bundle.module.url(forResource: "abk", withExtension: "js"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    static let version: String = {
        SHA256.hash(data: Data(content.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }()

    static let route = "/aset/abk.js"
    static var path: String { "\(route)?v=\(version)" }
    static var etag: String { "\"\(version)\"" }

    /// The tag that loads it at the end of a page's content.
    static var tag: HTML { "<script src=\"\(path)\" defer></script>" }

    static func response(_ request: Request) -> Response {
        var headers: HTTPFields = [.cacheControl: "public, max-age=31536000, immutable", .eTag: etag,
                                   HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff"]
        if request.headers[values: .ifNoneMatch].contains(where: { $0.split(separator: ",").contains { $0.trimmedBlanks == etag } }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/javascript; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: content)))
    }
}

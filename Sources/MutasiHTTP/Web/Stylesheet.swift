import Crypto
import Foundation
import Hummingbird

/// The one stylesheet of the pages, read once from the bundle. Its address carries a hash of
/// its content, so browsers may keep it for a year and still fetch a changed one at once.
enum Stylesheet {
    static let content: String = {
        guard let url = Bundle.module.url(forResource: "mutasi", withExtension: "css"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    static let version: String = {
        SHA256.hash(data: Data(content.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }()

    static let route = "/aset/mutasi.css"
    static var path: String { "\(route)?v=\(version)" }
    static var etag: String { "\"\(version)\"" }

    static func response(_ request: Request) -> Response {
        var headers: HTTPFields = [.cacheControl: "public, max-age=31536000, immutable", .eTag: etag,
                                   HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff"]
        if request.headers[values: .ifNoneMatch].contains(where: { $0.split(separator: ",").contains { $0.trimmedBlanks == etag } }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "text/css; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: content)))
    }
}

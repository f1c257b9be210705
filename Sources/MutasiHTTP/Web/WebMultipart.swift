import Foundation
import Hummingbird
import MutasiDomain

/// The parts of a submitted `multipart/form-data` form (RFC 7578): upload forms send a file and
/// a few short fields. Only what a browser sends is read: each part's `Content-Disposition`
/// name and file name, and its bytes; anything malformed is refused, never guessed at.
struct WebMultipart: Sendable {
    struct Part: Sendable {
        var name: String
        var fileName: String?
        var bytes: [UInt8]
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    private(set) var parts: [Part] = []

    static let malformed = DomainError.invalid("web.form_expected", "Formulir tidak dikenali.")

    /// The first part called `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// A short field's text.
    subscript(_ name: String) -> String? { part(name)?.text }

    /// The boundary of a `multipart/form-data` Content-Type, or nil for any other type.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            guard (1...70).contains(value.utf8.count) else { return nil }
            return value
        }
        return nil
    }

    /// Reads the form of `request` up to `maxBytes` (the body stays readable for the handler
    /// after it); a larger body is refused with 413.
    static func read(_ request: inout Request, maxBytes: Int) async throws -> WebMultipart {
        guard let boundary = boundary(contentType: request.headers[.contentType] ?? "") else { throw malformed }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch {
            let size = maxBytes >= 1024 * 1024 ? "\(maxBytes / 1024 / 1024) MiB" : "\(maxBytes / 1024) KiB"
            throw DomainError(.payloadTooLarge, code: "web.upload_too_large",
                              "Berkas melebihi batas \(size). Bagi menjadi beberapa berkas lalu unggah satu per satu.")
        }
        return try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    /// Splits `body` at `--boundary` lines into parts; throws `web.form_expected` unless the body
    /// is a well-formed sequence of parts closed by `--boundary--`.
    static func parse(_ body: [UInt8], boundary: String) throws -> WebMultipart {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var position = find(delimiter, in: body, from: 0), position == 0 else { throw malformed }
        var result = WebMultipart()
        while true {
            position += delimiter.count
            if body[position...].starts(with: [45, 45]) { return result }   // "--": the last delimiter
            guard body[position...].starts(with: crlf) else { throw malformed }
            position += 2
            guard let headerEnd = find(crlf + crlf, in: body, from: position) else { throw malformed }
            let headers = String(decoding: body[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else { throw malformed }
            result.parts.append(try part(headers: headers, bytes: Array(body[contentStart..<next])))
            position = next + 2
        }
    }

    private static func part(headers: String, bytes: [UInt8]) throws -> Part {
        for line in headers.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let parameters = parameters(String(pair[1]))
            guard parameters.type == "form-data", let name = parameters.values["name"] else { throw malformed }
            return Part(name: name, fileName: parameters.values["filename"], bytes: bytes)
        }
        throw malformed
    }

    /// `form-data; name="file"; filename="a;b.csv"`: the type and the parameters, quoted
    /// values unquoted (a browser escapes `"` in a file name as `%22`).
    static func parameters(_ text: String) -> (type: String, values: [String: String]) {
        var values: [String: String] = [:]
        var pieces: [String] = []
        var current = "", quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append(current); current = "" } else { current.append(character) }
        }
        pieces.append(current)
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            if values[key] == nil { values[key] = value }
        }
        return (pieces[0].trimmingCharacters(in: .whitespaces).lowercased(), values)
    }

    /// Where `needle` first occurs in `haystack` at or after `start` (memchr to the first byte,
    /// then memcmp: uploads run to many MiB).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pin -> Int? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                var index = start
                let last = hay.count - pin.count
                while index <= last {
                    guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                    let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, pinBase, pin.count) == 0 { return at }
                    index = at + 1
                }
                return nil
            }
        }
    }
}

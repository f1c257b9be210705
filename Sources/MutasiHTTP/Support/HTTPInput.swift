import Foundation
import Hummingbird
import MutasiDomain

/// Reading path and query parameters and writing JSON responses, the same way everywhere.
enum HTTPInput {
    /// A UUID path parameter; anything else reads as "not found" (ids are never guessable).
    static func id(_ context: AppRequestContext, _ name: String, notFound: DomainError) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else { throw notFound }
        return id
    }

    static func page(_ request: Request) throws -> PageRequest {
        try PageRequest(limit: try int(request, "limit"), offset: try int(request, "offset"))
    }

    /// limit/offset, or limit and the `cursor` of a list with keyset paging (employees, units, slots).
    static func keysetPage(_ request: Request) throws -> PageRequest {
        try PageRequest(limit: try int(request, "limit"), offset: try int(request, "offset"),
                        after: try string(request, "cursor").map { try PageCursor(parsing: $0, field: "cursor") })
    }

    static func int(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let value = Int(text) else {
            throw DomainError.invalid("query.not_integer", "\(name) must be an integer.", field: name)
        }
        return value
    }

    static func string(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// The version a client read, from `If-Match: "v<version>"`; 428 when absent.
    static func expectedVersion(_ request: Request) throws -> Int {
        guard let header = request.headers[.ifMatch] else {
            throw DomainError(.preconditionRequired, code: "request.if_match_required",
                              "Send If-Match with the ETag you read, so concurrent edits are detected.")
        }
        let tag = header.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        // Versions are 32-bit integers from 0 (defaults not yet stored); anything else is no ETag of ours (and
        // converting it for the database would trap).
        guard tag.hasPrefix("v"), tag.count <= 11, let version = Int(tag.dropFirst()), (0...Int(Int32.max)).contains(version) else {
            throw DomainError(.preconditionFailed, code: "request.if_match_invalid", "If-Match does not hold an ETag of ours.")
        }
        return version
    }

    /// The `Idempotency-Key` a client sent with a submission, if any.
    static func idempotencyKey(_ request: Request) -> String? {
        request.headers[.init("Idempotency-Key")!]
    }

    static func etag(_ version: Int) -> String { "\"v\(version)\"" }

    /// A JSON response; ids in it are written in lower case (`LowercaseIDs`), as in `Location` and `scope`.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, etag: Int? = nil,
                                   location: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers: HTTPFields = [.contentType: "application/json"]
        if let etag { headers[.eTag] = Self.etag(etag) }
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: LowercaseIDs.json(Array(try encoder.encode(value))))))
    }
}

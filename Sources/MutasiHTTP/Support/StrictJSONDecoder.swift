import Foundation
import Hummingbird
import MutasiDomain

/// Decodes JSON request bodies: refuses other content types (415), turns decoding failures into
/// 400 problems that name the offending field, and refuses fields the request type does not read
/// (`request.unknown_field`, see `KeyRecording`).
public struct StrictJSONDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") || contentType.hasPrefix("application/merge-patch+json") else {
            throw DomainError(.unsupportedMediaType, code: "request.unsupported_media_type",
                              "Send the body as application/json.")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw DomainError(.payloadTooLarge, code: "request.too_large",
                              "The request body is larger than \(context.maxUploadSize / 1024) KiB.")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = RFC3339.date(try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 timestamp")
            }
            return date
        }
        let data = Data(buffer: buffer)
        if NulCharacter.inJSON(buffer.readableBytesView) {
            // Malformed JSON falls through to the decoder, which says so.
            if let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
               let field = NulCharacter.field(in: json) {
                throw NulCharacter.refusal(field: field.isEmpty ? nil : field)
            }
        }
        do {
            return try decoder.decode(KeyRecording<T>.self, from: data).value
        } catch let error as DecodingError {
            throw Self.problem(for: error)
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    static func problem(for error: DecodingError) -> DomainError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .invalid("request.missing_field", "\(field) is required.", field: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalid("request.wrong_type", "\(field) has the wrong type; expected \(Self.name(type)).", field: field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return .invalid("request.null_value", "\(field) must not be null; expected \(Self.name(type)).", field: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if context.codingPath.isEmpty {
                return .invalid("request.malformed_json", "The body is not valid JSON.")
            }
            return .invalid("request.invalid_value", "\(field) has an invalid value.", field: field)
        @unknown default:
            return .invalid("request.malformed_json", "The body is not valid JSON.")
        }
    }

    static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}

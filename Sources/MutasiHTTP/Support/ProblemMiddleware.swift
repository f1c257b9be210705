import Foundation
import Hummingbird
import Logging
import MutasiDomain

/// Maps every error to an RFC 9457 problem document: domain errors keep their code, message
/// and field; anything unexpected becomes a bare 500 (logged, never shown) so no stack trace,
/// SQL or internal detail leaves the server.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            return Problem(error, instance: request.uri.path, requestID: context.id).response()
        } catch let error as HTTPError {
            let problem = Problem(status: error.status, code: Problem.code(for: error.status),
                                  detail: Problem.detail(for: error.status), field: nil,
                                  instance: request.uri.path, requestID: context.id)
            return problem.response(extraHeaders: error.headers)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(status: .internalServerError, code: "internal", detail: "Something went wrong on our side.",
                           field: nil, instance: request.uri.path, requestID: context.id).response()
        }
    }
}

/// An RFC 9457 problem document, with the stable `code` and the `field` concerned.
struct Problem: Encodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var field: String?
    var instance: String
    var requestId: String

    init(status: HTTPResponse.Status, code: String, detail: String, field: String?, instance: String, requestID: String) {
        self.type = "https://mutasi.go.id/problems/\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.field = field
        self.instance = instance
        self.requestId = requestID
    }

    init(_ error: DomainError, instance: String, requestID: String) {
        let isRetryHint = error.field?.hasPrefix("retryAfter=") == true
        self.init(status: Self.status(for: error.kind), code: error.code, detail: error.message,
                  field: isRetryHint ? nil : error.field, instance: instance, requestID: requestID)
        retryAfter = isRetryHint ? error.field.map { String($0.dropFirst("retryAfter=".count)) } : nil
        items = error.items.isEmpty ? nil : error.items
    }

    private var retryAfter: String?
    /// The records behind the failure (`DomainError.items`), when it names several.
    var items: [DomainError.Item]?
    private enum CodingKeys: String, CodingKey { case type, title, status, detail, code, field, instance, requestId, items }

    func response(extraHeaders: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = LowercaseIDs.json(Array((try? encoder.encode(self)) ?? Data()))
        var headers = extraHeaders
        headers[.contentType] = "application/problem+json"
        if let retryAfter { headers[.retryAfter] = retryAfter }
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func status(for kind: DomainError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .preconditionFailed: .preconditionFailed
        case .preconditionRequired: .init(code: 428, reasonPhrase: "Precondition Required")
        case .unsupportedMediaType: .unsupportedMediaType
        case .payloadTooLarge: .contentTooLarge
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "route.not_found"
        case 405: "route.method_not_allowed"
        case 413: "request.too_large"
        case 400: "request.invalid"
        default: "http.\(status.code)"
        }
    }

    static func detail(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "No such route."
        case 405: "This route does not accept this method."
        case 413: "The request body is too large."
        default: status.reasonPhrase
        }
    }
}

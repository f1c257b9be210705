import Hummingbird
import Logging
import MutasiDomain

/// Per-request state: who is calling (set by `AuthMiddleware`) and how bodies are decoded.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; nil on public routes.
    public var principal: Principal?
    /// The bearer token the caller presented, for logout and password change.
    public var bearerToken: String?
    /// The TCP peer's IP address; nil when there is none (requests handed to the router in tests).
    public var peerAddress: String?
    /// Where the authenticating middlewares record the caller for the request's log line.
    var caller: RequestCaller?

    /// Sets the authenticated caller, for the handlers and for the request's log line.
    mutating func authenticated(_ principal: Principal, token: String) {
        self.principal = principal
        bearerToken = token
        logger[metadataKey: "user"] = "\(principal.user.username)"
        caller?.record(principal)
    }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies above 1 MiB are refused with 413.
    public var maxUploadSize: Int { 1024 * 1024 }
    public var requestDecoder: StrictJSONDecoder { StrictJSONDecoder() }

    /// The caller, or 401 when the route is reached without one.
    public func requirePrincipal() throws -> Principal {
        guard let principal else {
            throw DomainError(.unauthenticated, code: "auth.required", "Log in first: send Authorization: Bearer <token>.")
        }
        return principal
    }
}

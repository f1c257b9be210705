/// How the web pages treat their sessions.
public struct WebSettings: Sendable {
    /// A page session unused this long is over (its own lifetime still ends it sooner).
    public var idleLimit: Duration
    /// Proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies: TrustedProxies

    public static let defaultIdleSeconds = 30 * 60

    public init(idleLimit: Duration = .seconds(defaultIdleSeconds), trustedProxies: TrustedProxies = TrustedProxies()) {
        self.idleLimit = idleLimit; self.trustedProxies = trustedProxies
    }
}

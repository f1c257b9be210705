import Foundation
import Hummingbird
import MutasiDomain

extension AppRequestContext {
    /// The CSRF token every form of a signed-in page carries (see `WebSession`).
    var csrfToken: String { WebSession.csrfToken(session: bearerToken ?? "") }
}

extension Response {
    static let serverTiming = HTTPFields.Element.Name("Server-Timing")!

    /// Adds how long the server took to build the page (`Server-Timing: render;dur=12.3`, in ms).
    func timed(since started: ContinuousClock.Instant) -> Response {
        var response = self
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        response.headers[Self.serverTiming] = "render;dur=\(String(format: "%.1f", ms))"
        return response
    }
}

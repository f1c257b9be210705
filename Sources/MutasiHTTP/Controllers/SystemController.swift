import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices
import Prometheus

/// Unauthenticated operational routes: liveness, readiness, metrics and the API description.
/// Metrics need the bearer `metricsToken` when one is configured.
struct SystemController {
    let services: Services
    let metrics: PrometheusCollectorRegistry
    let metricsToken: String?

    func register(_ router: Router<AppRequestContext>, _ table: RouteTable) {
        let store = services.env.store
        let metrics = self.metrics
        let metricsToken = self.metricsToken
        table.on(router, "/health", method: .get) { _, _ in
            try HTTPInput.json(["status": "up"])
        }
        table.on(router, "/ready", method: .get) { _, _ in
            let reachable = await store.isReachable()
            return try HTTPInput.json(["status": reachable ? "ready" : "database unreachable"],
                                      status: reachable ? .ok : .serviceUnavailable)
        }
        table.on(router, "/metrics", method: .get) { request, _ in
            if let metricsToken, !MetricsToken.matches(request.headers[.authorization], token: metricsToken) {
                throw DomainError(.unauthenticated, code: "auth.required", "Metrics need Authorization: Bearer <METRICS_TOKEN>.")
            }
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        table.on(router, "/openapi.json", method: .get) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.data)))
        }
    }
}

/// The OpenAPI 3.1 description of every route, shipped with the server.
public enum OpenAPIDocument {
    public static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Data("{}".utf8) }
        return data
    }()
}

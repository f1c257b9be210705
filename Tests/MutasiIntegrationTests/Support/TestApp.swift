import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MutasiApp
import MutasiDomain
import MutasiHTTP
import MutasiServices
import NIOCore
import PostgresNIO

/// The real application (router, services, Postgres) over a fresh database, with the demo data
/// loaded (a copy of the seeded template), driven through `app.test(.router)`.
struct TestApp {
    let db: TestDatabase

    static let demoPassword = DemoSeedService.password

    /// Runs `body` against the app on a new migrated and seeded database. `environment` adds
    /// settings; `live` serves over real TCP (so requests have a peer address) instead of handing
    /// them to the router.
    static func run(seeded: Bool = true, environment: [String: String] = [:], live: Bool = false,
                    _ body: @Sendable (TestClientProtocol, Services, TestDatabase, RouteTable) async throws -> Void) async throws {
        let db = try await TestDatabase.create(seeded: seeded)
        let config = try db.configuration(extra: environment)
        let logger = TestDatabase.logger
        let client = PostgresClient(configuration: try DatabaseConnection.configuration(config.databaseURL), backgroundLogger: logger)
        let services = MutasiApplication.services(client: client, config: config, logger: logger)
        let (router, table) = APIRouter.build(services: services, metrics: MutasiApplication.metrics, logRequests: false,
                                              trustedProxies: config.trustedProxies, webIdleLimit: config.webIdleLimit)
        var app = Application(router: router, logger: logger)
        app.addServices(client)
        try await app.test(live ? .live : .router) { http in
            try await body(http, services, db, table)
        }
    }
}

extension TestApp {
    /// Runs `body` against the app served with `config` as it stands (no database is created).
    static func serve(_ config: AppConfiguration, _ body: @Sendable (TestClientProtocol) async throws -> Void) async throws {
        let client = PostgresClient(configuration: try DatabaseConnection.configuration(config.databaseURL),
                                    backgroundLogger: TestDatabase.logger)
        let services = MutasiApplication.services(client: client, config: config, logger: TestDatabase.logger)
        let (router, _) = APIRouter.build(services: services, metrics: MutasiApplication.metrics, logRequests: false)
        var app = Application(router: router, logger: TestDatabase.logger)
        app.addServices(client)
        try await app.test(.router, body)
    }
}

/// Small helpers for requests in tests.
extension TestClientProtocol {
    /// Logs in and returns the bearer token (fails the test on anything but 200).
    func login(_ tenant: String?, _ username: String, password: String = TestApp.demoPassword,
               forwardedFor: String? = nil) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password]
            .merging(tenant.map { ["tenant": $0] } ?? [:]) { a, _ in a })
        var headers: HTTPFields = [.contentType: "application/json"]
        if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
        let response = try await execute(uri: "/v1/auth/login", method: .post, headers: headers, body: ByteBuffer(bytes: body))
        guard response.status == .ok, let json = try? response.json(), let token = json["token"] as? String else {
            throw TestSetupError("login \(tenant ?? "-")/\(username) failed: \(response.status) \(String(buffer: response.body))")
        }
        return token
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil,
              headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = headers[.contentType] ?? "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw TestSetupError("not a JSON object: \(String(buffer: body))")
        }
        return object
    }

    var text: String { String(buffer: body) }
}

/// An audit event's `before` or `after` (a JSON document in responses) as compact text with sorted
/// keys, for checks of what a snapshot holds; nil when absent.
func auditText(_ value: Any?) -> String? {
    guard let value, !(value is NSNull) else { return nil }
    if let text = value as? String { return text }
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
    else { return nil }
    return String(decoding: data, as: UTF8.self)
}

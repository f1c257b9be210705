import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MutasiApp
import MutasiHTTP
import PostgresNIO
import Synchronization
import Testing

/// The request log: one line per answered request with who asked and how it went, and, with
/// `LOG_FORMAT=json`, every line a JSON object.
@Suite("Request log")
struct RequestLogTests {
    /// Collects the lines a `JSONLogHandler` writes.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var objects: [[String: String]] {
            lines.withLock { $0 }.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
            }
        }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("Each request is logged once answered: request id, route, status, duration, and the tenant, user and role")
    func requestLines() async throws {
        let db = try await TestDatabase.create()
        let config = try db.configuration(extra: [:])
        let lines = Lines()
        let logger = Logger(label: "mutasi") { label in
            var handler = JSONLogHandler(label: label) { lines.append($0) }
            handler.logLevel = .info
            return handler
        }
        let client = PostgresClient(configuration: try DatabaseConnection.configuration(config.databaseURL), backgroundLogger: TestDatabase.logger)
        let services = MutasiApplication.services(client: client, config: config, logger: TestDatabase.logger)
        let (router, _) = APIRouter.build(services: services, metrics: MutasiApplication.metrics, logRequests: true)
        var app = Application(router: router, logger: logger)
        app.addServices(client)
        try await app.test(.router) { http in
            try await services.demo.seed()
            let token = try await http.login("kota-kupang", "admin")
            let me = try await http.call(.get, "/v1/me", token: token)
            let scope = try me.json()["scope"] as! String
            let requestID = try #require(me.headers[HTTPFields.Element.Name("X-Request-ID")!])
            let missing = try await http.call(.get, "/v1/tenants/\(scope)/employees/\(UUID().uuidString.lowercased())", token: token)
            #expect(missing.status == .notFound)
            let page = try await http.webSignIn("kota-kupang", "pegawai")
            #expect(try await http.webGet("/saya", session: page).status == .ok)

            let requests = lines.objects.filter { $0["message"] == "request" }
            let meLine = try #require(requests.first { $0["request_id"] == requestID }, "\(lines.all)")
            #expect(meLine["method"] == "GET" && meLine["path"] == "/v1/me" && meLine["route"] == "/v1/me")
            #expect(meLine["status"] == "200" && meLine["user"] == "admin" && meLine["role"] == "tenant_admin")
            #expect(meLine["tenant"] == scope.lowercased())
            #expect(meLine["level"] == "info" && meLine["logger"] == "mutasi" && meLine["time"]?.hasSuffix("Z") == true)
            #expect(Double(meLine["duration_ms"] ?? "") != nil)
            let notFound = try #require(requests.first { $0["status"] == "404" })
            #expect(notFound["route"] == "/v1/tenants/{tenantID}/employees/{employeeID}" && notFound["user"] == "admin")
            let login = try #require(requests.first { $0["path"] == "/v1/auth/login" })
            #expect(login["status"] == "200" && login["user"] == nil)   // nobody is signed in while logging in
            let saya = try #require(requests.first { $0["path"] == "/saya" })
            #expect(saya["user"] == "pegawai" && saya["status"] == "200")
            #expect(requests.count == Set(requests.compactMap { $0["request_id"] }).count)   // one line per request
        }
    }

    @Test("JSON lines escape quotes, backslashes and control characters, and keep fixed keys first")
    func jsonLine() throws {
        let line = JSONLogHandler.line(time: Date(timeIntervalSince1970: 0), level: .warning, label: "mutasi",
                                       message: "kata \"kutip\"\n\\ akhir\u{1}", metadata: ["b": "2", "a": "1", "level": "menimpa"])
        #expect(line == #"{"time":"1970-01-01T00:00:00.000Z","level":"warning","logger":"mutasi","message":"kata \"kutip\"\n\\ akhir\u0001","a":"1","b":"2"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "kata \"kutip\"\n\\ akhir\u{1}")
    }

    @Test("LOG_FORMAT takes text or json; mutasi serve then writes JSON lines")
    func logFormat() async throws {
        let db = try await TestDatabase.create(migrated: false)
        #expect(try db.configuration(extra: [:]).logFormat == .text)
        #expect(try db.configuration(extra: ["LOG_FORMAT": "JSON"]).logFormat == .json)
        #expect(throws: Error.self) { try db.configuration(extra: ["LOG_FORMAT": "xml"]) }
        // Migrates (logged), then cannot listen on an address this machine does not have (TEST-NET-1:
        // no name to resolve, so no wait on DNS) and stops.
        let run = try CLITests.run(["serve"], db: db, env: ["LOG_FORMAT": "json", "LOG_LEVEL": "info", "HOST": "192.0.2.1"])
        #expect(run.status != 0)
        let objects = run.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: String]
        }
        #expect(objects.contains { $0["message"] == "migrations applied" && $0["level"] == "info" }, "\(run.stdout)")
        #expect(objects.count == run.stdout.split(separator: "\n").count)
    }
}

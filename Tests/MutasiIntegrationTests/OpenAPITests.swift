import Foundation
import MutasiHTTP
import Testing

/// The served OpenAPI document describes exactly the routes the router has.
@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route is documented and every documented route exists")
    func matchesRoutes() async throws {
        try await TestApp.run(seeded: false) { http, _, _, table in
            let response = try await http.call(.get, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
            var documented: Set<String> = []
            for (path, operations) in paths {
                for method in operations.keys where methods.contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let routed = Set(table.routes.map { "\($0.method) \($0.path)" })
            #expect(routed.subtracting(documented).isEmpty, "undocumented: \(routed.subtracting(documented).sorted())")
            #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
            // Every operation names its error responses as problem documents.
            for (path, operations) in paths {
                for (method, op) in operations where methods.contains(method) {
                    let responses = (op as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    #expect(!responses.isEmpty, "\(method) \(path) lists no responses")
                }
            }
        }
    }

    @Test("every operation that reaches the database documents 503 database.unavailable with Retry-After")
    func documentsDatabaseUnavailable() async throws {
        try await TestApp.run(seeded: false) { http, _, _, _ in
            let document = try await http.call(.get, "/openapi.json").json()
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let components = try #require(document["components"] as? [String: Any])
            let shared = components["responses"] as? [String: [String: Any]] ?? [:]
            // The process's own routes: liveness, metrics and this document need no database, and
            // /ready reports it in a body of its own.
            let withoutDatabase: Set<String> = ["/health", "/metrics", "/openapi.json", "/ready"]
            let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
            var checked = 0
            for (path, operations) in paths where !withoutDatabase.contains(path) {
                for (method, op) in operations where methods.contains(method) {
                    let responses = (op as? [String: Any])?["responses"] as? [String: Any] ?? [:]
                    var response = responses["503"] as? [String: Any]
                    if let ref = response?["$ref"] as? String {
                        response = shared[String(ref.split(separator: "/").last ?? "")]
                    }
                    let headers = response?["headers"] as? [String: Any] ?? [:]
                    let content = response?["content"] as? [String: Any] ?? [:]
                    #expect(headers["Retry-After"] != nil && content["application/problem+json"] != nil,
                            "\(method.uppercased()) \(path) does not document 503 with Retry-After")
                    checked += 1
                }
            }
            #expect(checked > 100)
            let description = shared["DatabaseUnavailable"]?["description"] as? String ?? ""
            #expect(description.contains("database.unavailable"))
        }
    }
}

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
}

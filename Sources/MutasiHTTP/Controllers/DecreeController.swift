import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Transfer decrees: the tenant's decree settings, issuing the decrees of an approved plan,
/// reading them as JSON, printable HTML and PDF, employees' extracts, signing and cancelling.
struct DecreeController {
    let services: Services

    struct IssueBody: Decodable {
        var effectiveDate: CalendarDate
        enum CodingKeys: String, CodingKey, CaseIterable { case effectiveDate }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            effectiveDate = try decoder.container(keyedBy: CodingKeys.self).decode(CalendarDate.self, forKey: .effectiveDate)
        }
    }

    struct SignBody: Decodable {
        var signedOn: CalendarDate
        enum CodingKeys: String, CodingKey, CaseIterable { case signedOn }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            signedOn = try decoder.container(keyedBy: CodingKeys.self).decode(CalendarDate.self, forKey: .signedOn)
        }
    }

    struct CancelBody: Decodable {
        var reason: String
        enum CodingKeys: String, CodingKey, CaseIterable { case reason }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            reason = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .reason)
        }
    }

    struct List: Encodable { var items: [Decree] }

    static let notFound = DomainError.notFound("decree.not_found", "Decree not found.")
    static let extractNotFound = DomainError.notFound("decree.extract_not_found", "This decree does not move this employee.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let settings = services.decreeSettings
        let decrees = services.decrees
        let t = "tenants/{tenantID}"
        table.on(group, prefix: "/v1", t + "/decree-settings", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let current = try await settings.get(actor: try context.requirePrincipal(), tenantID: tenantID)
            return try HTTPInput.json(current, etag: current.version)
        }
        table.on(group, prefix: "/v1", t + "/decree-settings", method: .patch) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let version = try HTTPInput.expectedVersion(request)
            let changes = try await request.decode(as: DecreeSettings.Changes.self, context: context)
            let updated = try await settings.update(actor: try context.requirePrincipal(), tenantID: tenantID, changes,
                                                    expectedVersion: version)
            return try HTTPInput.json(updated, etag: updated.version)
        }
        table.on(group, prefix: "/v1", t + "/plans/{planID}/decrees", method: .post) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: IssueBody.self, context: context)
            let issued = try await decrees.issue(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                 effectiveDate: body.effectiveDate, expectedVersion: version,
                                                 idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(issued, status: .created, etag: issued.plan.version)
        }
        table.on(group, prefix: "/v1", t + "/plans/{planID}/decrees", method: .get) { _, context in
            let (tenantID, planID) = try PlanController.ids(context)
            return try HTTPInput.json(List(items: try await decrees.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                                         planID: planID)))
        }
        table.on(group, prefix: "/v1", t + "/decrees", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(List(items: try await decrees.list(actor: try context.requirePrincipal(), tenantID: tenantID)))
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let decree = try await decrees.get(actor: try context.requirePrincipal(), tenantID: tenantID, id: id)
            return try HTTPInput.json(decree, etag: decree.version)
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}.html", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            return Self.html(try await decrees.html(actor: try context.requirePrincipal(), tenantID: tenantID, id: id))
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}.pdf", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            return Self.pdf(try await decrees.pdf(actor: try context.requirePrincipal(), tenantID: tenantID, id: id), name: "sk-\(id.lowercased)")
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}/extracts/{employeeID}.html", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.extractNotFound)
            return Self.html(try await decrees.extractHTML(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                           employeeID: employeeID))
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}/extracts/{employeeID}.pdf", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.extractNotFound)
            return Self.pdf(try await decrees.extractPDF(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                         employeeID: employeeID), name: "petikan-\(employeeID.lowercased)")
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}/sign", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: SignBody.self, context: context)
            let decree = try await decrees.sign(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                signedOn: body.signedOn, expectedVersion: version,
                                                idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(decree, etag: decree.version)
        }
        table.on(group, prefix: "/v1", t + "/decrees/{decreeID}/cancel", method: .post) { request, context in
            let (tenantID, id) = try Self.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: CancelBody.self, context: context)
            let decree = try await decrees.cancel(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                                  reason: body.reason, expectedVersion: version,
                                                  idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(decree, etag: decree.version)
        }
        table.on(group, prefix: "/v1", t + "/me/decree-extracts", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(List(items: try await decrees.myExtracts(actor: try context.requirePrincipal(), tenantID: tenantID)))
        }
        table.on(group, prefix: "/v1", t + "/me/decree-extracts/{decreeID}.pdf", method: .get) { _, context in
            let (tenantID, id) = try Self.ids(context)
            return Self.pdf(try await decrees.myExtractPDF(actor: try context.requirePrincipal(), tenantID: tenantID, id: id),
                            name: "petikan-\(id.lowercased)")
        }
    }

    static func ids(_ context: AppRequestContext) throws -> (UUID, UUID) {
        (try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant),
         try HTTPInput.id(context, "decreeID", notFound: notFound))
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func pdf(_ data: Data, name: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"\(name).pdf\""],
                 body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

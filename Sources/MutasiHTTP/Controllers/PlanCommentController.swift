import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// Comments on a plan's proposed move: write one (201 with Location), list them, read one.
struct PlanCommentController {
    let services: Services

    struct CreateBody: Decodable {
        var text: String
        enum CodingKeys: String, CodingKey, CaseIterable { case text }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            text = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
        }
    }
    static let moveNotFound = DomainError.notFound("plan_move.not_found", "The plan proposes no move for this employee.")
    static let notFound = DomainError.notFound("plan_move_comment.not_found", "Comment not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let comments = services.planComments
        let base = "tenants/{tenantID}/plans/{planID}/moves/{employeeID}/comments"
        table.on(group, prefix: "/v1", base, method: .post) { request, context in
            let (tenantID, planID, employeeID) = try Self.ids(context)
            let body = try await request.decode(as: CreateBody.self, context: context)
            let comment = try await comments.add(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                 employeeID: employeeID, text: body.text,
                                                 idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(comment, status: .created, location: "/v1/tenants/\(tenantID.lowercased)/plans/"
                + "\(planID.lowercased)/moves/\(employeeID.lowercased)/comments/\(comment.id.lowercased)")
        }
        table.on(group, prefix: "/v1", base, method: .get) { request, context in
            let (tenantID, planID, employeeID) = try Self.ids(context)
            return try HTTPInput.json(try await comments.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                              planID: planID, employeeID: employeeID,
                                                              page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", base + "/{commentID}", method: .get) { _, context in
            let (tenantID, planID, employeeID) = try Self.ids(context)
            let id = try HTTPInput.id(context, "commentID", notFound: Self.notFound)
            return try HTTPInput.json(try await comments.get(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                             planID: planID, employeeID: employeeID, id: id))
        }
    }

    static func ids(_ context: AppRequestContext) throws -> (UUID, UUID, UUID) {
        let (tenantID, planID) = try PlanController.ids(context)
        return (tenantID, planID, try HTTPInput.id(context, "employeeID", notFound: moveNotFound))
    }
}

import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// A plan's lifecycle after review: submit (tenant admin), drop a move, approve or reject
/// (approver, four eyes), cancel (tenant admin), and its history.
struct PlanDecisionController {
    let services: Services

    /// `{"reason": ...}` (reject, cancel, drop) or `{"note": ...}` (approve, optional).
    struct StepBody: Decodable {
        var reason: String?
        var note: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case reason, note }
        init() {}
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
            note = try c.decodeIfPresent(String.self, forKey: .note)
        }

        func requireReason() throws -> String {
            guard let reason else { throw DomainError.invalid("plan.reason_required", "reason is required.", field: "reason") }
            return reason
        }
    }

    struct History: Encodable {
        var items: [PlanEvent]
    }

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let decisions = services.planDecisions
        let plan = "tenants/{tenantID}/plans/{planID}"
        typealias Step = @Sendable (Principal, UUID, UUID, StepBody, Int, String?) async throws -> PlanStatus
        let steps: [(String, Step)] = [
            ("submit", { actor, tenantID, planID, _, version, key in
                try await decisions.submit(actor: actor, tenantID: tenantID, planID: planID, expectedVersion: version,
                                           idempotencyKey: key)
            }),
            ("approve", { actor, tenantID, planID, body, version, key in
                try await decisions.approve(actor: actor, tenantID: tenantID, planID: planID, note: body.note,
                                            expectedVersion: version, idempotencyKey: key)
            }),
            ("reject", { actor, tenantID, planID, body, version, key in
                try await decisions.reject(actor: actor, tenantID: tenantID, planID: planID, reason: try body.requireReason(),
                                           expectedVersion: version, idempotencyKey: key)
            }),
            ("cancel", { actor, tenantID, planID, body, version, key in
                try await decisions.cancel(actor: actor, tenantID: tenantID, planID: planID, reason: try body.requireReason(),
                                           expectedVersion: version, idempotencyKey: key)
            }),
        ]
        for (name, perform) in steps {
            table.on(group, prefix: "/v1", plan + "/" + name, method: .post) { request, context in
                let (tenantID, planID) = try PlanController.ids(context)
                let actor = try context.requirePrincipal()
                let version = try HTTPInput.expectedVersion(request)
                let body = try await Self.body(request, context)
                let status = try await perform(actor, tenantID, planID, body, version, HTTPInput.idempotencyKey(request))
                return try HTTPInput.json(status, etag: status.plan.version)
            }
        }
        table.on(group, prefix: "/v1", plan + "/moves/{employeeID}/drop", method: .post) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: PlanReviewController.moveNotFound)
            let actor = try context.requirePrincipal()
            let version = try HTTPInput.expectedVersion(request)
            let body = try await Self.body(request, context)
            let dropped = try await decisions.dropMove(actor: actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                       reason: try body.requireReason(), expectedVersion: version,
                                                       idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(dropped, etag: dropped.plan.version)
        }
        table.on(group, prefix: "/v1", plan + "/history", method: .get) { _, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let events = try await decisions.history(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID)
            return try HTTPInput.json(History(items: events))
        }
    }

    /// A step's body is optional: none at all reads as empty.
    static func body(_ request: Request, _ context: AppRequestContext) async throws -> StepBody {
        request.headers[.contentType] == nil ? StepBody() : try await request.decode(as: StepBody.self, context: context)
    }
}

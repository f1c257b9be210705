import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// A plan's review: the tenant admin opens it and decides objections; each employee reads the
/// moves proposed to them and answers.
struct PlanReviewController {
    let services: Services

    struct ReviewBody: Decodable {
        var answerDeadline: Date?
        enum CodingKeys: String, CodingKey, CaseIterable { case answerDeadline }
        init() {}
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            answerDeadline = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Date.self, forKey: .answerDeadline)
        }
    }

    struct ObjectionBody: Decodable {
        var decision: String
        var note: String
        enum CodingKeys: String, CodingKey, CaseIterable { case decision, note }
        init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            decision = try c.decode(String.self, forKey: .decision)
            note = try c.decode(String.self, forKey: .note)
        }
    }

    static let moveNotFound = DomainError.notFound("move.not_found", "No move for this employee in this plan.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let review = services.planReview
        let answers = services.moveAnswers
        let plan = "tenants/{tenantID}/plans/{planID}"
        table.on(group, prefix: "/v1", plan + "/review", method: .post) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let version = try HTTPInput.expectedVersion(request)
            let body = request.headers[.contentType] == nil ? ReviewBody() : try await request.decode(as: ReviewBody.self, context: context)
            let status = try await review.openReview(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                     answerDeadline: body.answerDeadline, expectedVersion: version,
                                                     idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(status, etag: status.plan.version)
        }
        table.on(group, prefix: "/v1", plan + "/moves/{employeeID}/objection", method: .post) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let employeeID = try HTTPInput.id(context, "employeeID", notFound: Self.moveNotFound)
            let version = try HTTPInput.expectedVersion(request)
            let body = try await request.decode(as: ObjectionBody.self, context: context)
            let answer = try await review.decideObjection(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                          employeeID: employeeID, decision: body.decision, note: body.note,
                                                          expectedVersion: version, idempotencyKey: HTTPInput.idempotencyKey(request))
            return try HTTPInput.json(answer, etag: answer.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/me/proposed-moves", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await answers.mine(actor: try context.requirePrincipal(), tenantID: tenantID))
        }
        table.on(group, prefix: "/v1", plan + "/moves/me", method: .get) { _, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let move = try await answers.mine(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID)
            return try HTTPInput.json(move, etag: move.move.answer?.version)
        }
        table.on(group, prefix: "/v1", plan + "/moves/me/answer", method: .put) { request, context in
            let (tenantID, planID) = try PlanController.ids(context)
            let version = request.headers[.ifMatch] == nil ? nil : try HTTPInput.expectedVersion(request)
            let input = try await request.decode(as: MoveAnswerService.Input.self, context: context)
            let (move, created) = try await answers.answer(actor: try context.requirePrincipal(), tenantID: tenantID, planID: planID,
                                                           input, expectedVersion: version)
            return try HTTPInput.json(move, status: created ? .created : .ok, etag: move.move.answer?.version)
        }
    }
}

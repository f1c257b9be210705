import Crypto
import Foundation
import MutasiDomain
import MutasiRepositories

/// The decrees of an approved plan's issue, as the tenant admin issues them.
public struct IssuedDecrees: Codable, Sendable {
    public var plan: TransferPlan
    public var decrees: [Decree]
}

/// Transfer decrees (surat keputusan): the tenant admin issues them for an approved plan, the
/// approver signs them, the tenant admin cancels them. Who reads them:
/// - tenant admins, approvers and auditors: every decree of the tenant and every extract;
/// - agency operators: decrees that move an employee out of or into one of their agencies, and
///   those employees' extracts;
/// - employees: their own extract (petikan) of a signed decree.
public struct DecreeService: Sendable {
    let env: ServiceEnvironment
    let renderer: PDFRenderer
    public init(_ env: ServiceEnvironment, renderer: PDFRenderer = PDFRenderer()) {
        self.env = env
        self.renderer = renderer
    }

    static let readers: Set<Role> = [.tenantAdmin, .approver, .auditor, .agencyOperator]
    static let notFound = DomainError.notFound("decree.not_found", "Decree not found.")
    static let extractNotFound = DomainError.notFound("decree.extract_not_found", "This decree does not move this employee.")

    // MARK: Issuing

    /// Issues the decree(s) of an approved plan (409 `plan.invalid_state` otherwise) whose
    /// version is `expectedVersion`: one for the plan, or one per origin agency when the settings
    /// say `perAgency`, numbered from the tenant's sequence of the year of issue. Each decree's
    /// content (the annex rows of the kept moves) is stored with its SHA-256. The plan becomes
    /// `decreed` with `effectiveDate` (TMT, today or later) in the same transaction.
    public func issue(actor: Principal, tenantID: UUID, planID: UUID, effectiveDate: CalendarDate, expectedVersion: Int,
                      idempotencyKey: String? = nil) async throws -> IssuedDecrees {
        let key = try Idempotency.validKey(idempotencyKey)
        let today = CalendarDate.utc(env.now())
        guard effectiveDate >= today else {
            throw DomainError.invalid("decree.effective_date_past", "effectiveDate (TMT) must not lie in the past.", field: "effectiveDate")
        }
        let request = ["plan.decree", planID.uuidString, "v\(expectedVersion)", effectiveDate.iso]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                guard let plan = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false) else { throw PlanService.notFound }
                try PlanReviewService.checkVersion(plan.version, expectedVersion, code: "plan.version_mismatch", what: "plan")
                guard plan.status == .approved else {
                    throw DomainError.conflict("plan.invalid_state", "Only an approved plan is decreed; this one is \(plan.status.rawValue).")
                }
                let moves = try await tx.decrees.keptMoves(tenantID: tenantID, planID: planID)
                guard !moves.isEmpty else { throw DomainError.conflict("decree.no_moves", "The plan keeps no move to decree.") }
                let settings = try await tx.decrees.settings(tenantID: tenantID, lock: false) ?? .defaults(for: tenant)
                var decrees: [Decree] = []
                for group in Self.groups(moves, perAgency: settings.perAgency) {
                    let decree = try await Self.issueOne(tx, tenant: tenant, actor: actor, planID: planID, settings: settings,
                                                         moves: group, perAgency: settings.perAgency, effectiveDate: effectiveDate,
                                                         today: today)
                    decrees.append(decree)
                }
                try await tx.decrees.markPlanDecreed(tenantID: tenantID, planID: planID, effectiveDate: effectiveDate)
                guard let after = try await tx.plans.find(tenantID: tenantID, id: planID) else { throw PlanService.notFound }
                let numbers = String(decrees.map(\.number).joined(separator: ", ").prefix(2000))
                try await tx.planHistory.append(tenantID: tenantID, planID: planID, step: "decreed", from: plan.status, to: after.status,
                                                actorID: actor.user.id, note: numbers)
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "plan.decreed", entityType: "plan", entityID: planID.uuidString.lowercased(),
                    before: AuditSnapshot.json(["status": plan.status.rawValue]),
                    after: AuditSnapshot.json(["status": after.status.rawValue, "effectiveDate": effectiveDate.iso, "decrees": numbers])))
                return IssuedDecrees(plan: after, decrees: decrees)
            }
        }
    }

    /// The moves of one decree each: all together, or by origin agency in the order given.
    static func groups(_ moves: [DecreeMoveFacts], perAgency: Bool) -> [[DecreeMoveFacts]] {
        guard perAgency else { return [moves] }
        var order: [UUID] = []
        var byAgency: [UUID: [DecreeMoveFacts]] = [:]
        for move in moves {
            if byAgency[move.fromAgencyID] == nil { order.append(move.fromAgencyID) }
            byAgency[move.fromAgencyID, default: []].append(move)
        }
        return order.map { byAgency[$0]! }
    }

    private static func issueOne(_ tx: any StoreTransaction, tenant: Tenant, actor: Principal, planID: UUID,
                                 settings: DecreeSettings, moves: [DecreeMoveFacts], perAgency: Bool,
                                 effectiveDate: CalendarDate, today: CalendarDate) async throws -> Decree {
        let agency = perAgency ? moves.first : nil
        let seq = try await tx.decrees.nextSeq(tenantID: tenant.id, year: today.year)
        let number = try settings.pattern.number(seq: seq, issuedOn: today, agencyCode: agency?.fromAgencyCode)
        let rows = moves.enumerated().map { i, m in
            AnnexRow(no: i + 1, employeeID: m.employeeID, name: m.name, nip: m.nip,
                     rank: Grade(rawValue: m.grade).map { "\($0.rankName) (\($0.label))" } ?? "\(m.grade)",
                     fromPosition: m.fromPosition, fromUnit: m.fromUnit, toPosition: m.toPosition, toUnit: m.toUnit)
        }
        let content = DecreeContent(
            number: number, regionHead: settings.regionHead, placeOfSigning: settings.placeOfSigning,
            considerations: settings.considerations, legalBases: settings.legalBases, effectiveDate: effectiveDate, issuedOn: today,
            signatoryName: settings.signatoryName, signatoryTitle: settings.signatoryTitle, signatoryNIP: settings.signatoryNIP,
            copies: settings.copies, agencyName: agency?.fromAgencyName, rows: rows)
        let text = try content.canonicalJSON()
        let sha = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let decree = try await tx.decrees.create(tenantID: tenant.id, NewDecree(
            planID: planID, agencyID: agency?.fromAgencyID, year: today.year, seq: seq, number: number, effectiveDate: effectiveDate,
            content: text, sha256: sha, employees: moves.map { ($0.employeeID, $0.fromAgencyID, $0.toAgencyID) }), issuedBy: actor.user.id)
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: "decree.issue", entityType: "decree", entityID: decree.id.uuidString.lowercased(), before: nil,
            after: AuditSnapshot.json(Summary(decree))))
        var listed = decree
        listed.content = nil
        return listed
    }

    // MARK: Reading

    /// The tenant's decrees, or one plan's (404 for a plan the tenant does not have).
    public func list(actor: Principal, tenantID: UUID, planID: UUID? = nil) async throws -> [Decree] {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            if let planID, try await tx.plans.find(tenantID: tenantID, id: planID) == nil { throw PlanService.notFound }
            return try await tx.decrees.list(tenantID: tenantID, planID: planID, agencies: TenantScope.visibleAgencies(actor))
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> Decree {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            try await Self.visible(tx, actor, tenantID: tenantID, id: id)
        }
    }

    /// The decree as printable HTML.
    public func html(actor: Principal, tenantID: UUID, id: UUID) async throws -> String {
        let decree = try await get(actor: actor, tenantID: tenantID, id: id)
        return DecreeDocument.html(decree, decree.content!)
    }

    public func pdf(actor: Principal, tenantID: UUID, id: UUID) async throws -> Data {
        try await renderer.pdf(html: try await html(actor: actor, tenantID: tenantID, id: id))
    }

    /// One employee's extract (petikan) as printable HTML.
    public func extractHTML(actor: Principal, tenantID: UUID, id: UUID, employeeID: UUID) async throws -> String {
        let decree = try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers.union([.employee])) { tx, _ in
            try await Self.extract(tx, actor, tenantID: tenantID, id: id, employeeID: employeeID)
        }
        return DecreeDocument.html(decree, decree.content!, extractFor: employeeID)
    }

    public func extractPDF(actor: Principal, tenantID: UUID, id: UUID, employeeID: UUID) async throws -> Data {
        try await renderer.pdf(html: try await extractHTML(actor: actor, tenantID: tenantID, id: id, employeeID: employeeID))
    }

    /// The signed decrees that move the acting employee (employees only).
    public func myExtracts(actor: Principal, tenantID: UUID) async throws -> [Decree] {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            guard let employeeID = actor.user.employeeID else { return [] }
            return try await tx.decrees.signedFor(tenantID: tenantID, employeeID: employeeID)
        }
    }

    /// The acting employee's own extract of a signed decree, as PDF.
    public func myExtractPDF(actor: Principal, tenantID: UUID, id: UUID) async throws -> Data {
        let html = try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            guard let employeeID = actor.user.employeeID else { throw Self.extractNotFound }
            let decree = try await Self.extract(tx, actor, tenantID: tenantID, id: id, employeeID: employeeID)
            return DecreeDocument.html(decree, decree.content!, extractFor: employeeID)
        }
        return try await renderer.pdf(html: html)
    }

    /// The decree if the actor may read it: operators those touching their agencies; 404 otherwise.
    static func visible(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, id: UUID) async throws -> Decree {
        guard let decree = try await tx.decrees.find(tenantID: tenantID, id: id, lock: false) else { throw notFound }
        if let own = TenantScope.visibleAgencies(actor) {
            guard !(try await tx.decrees.agencies(tenantID: tenantID, decreeID: id, employeeID: nil)).isDisjoint(with: own) else {
                throw notFound
            }
        }
        return decree
    }

    /// The decree for one employee's extract: employees only their own, of a signed decree;
    /// operators only for an employee leaving or joining one of their agencies.
    static func extract(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, id: UUID,
                        employeeID: UUID) async throws -> Decree {
        if actor.role == .employee {
            guard actor.user.employeeID == employeeID else { throw DomainError.forbidden("An employee reads only their own extract.") }
            guard let decree = try await tx.decrees.find(tenantID: tenantID, id: id, lock: false), decree.status == .signed,
                  !(try await tx.decrees.agencies(tenantID: tenantID, decreeID: id, employeeID: employeeID)).isEmpty else {
                throw extractNotFound
            }
            return decree
        }
        let decree = try await visible(tx, actor, tenantID: tenantID, id: id)
        let agencies = try await tx.decrees.agencies(tenantID: tenantID, decreeID: id, employeeID: employeeID)
        guard !agencies.isEmpty else { throw extractNotFound }
        if let own = TenantScope.visibleAgencies(actor), agencies.isDisjoint(with: own) {
            throw DomainError.forbidden("An agency operator reads only the extracts of their agencies' employees.")
        }
        return decree
    }

    // MARK: Signing and cancelling

    /// Marks an issued decree signed on `signedOn` (between its day of issue and today); its
    /// number and content stay as issued, and the SHA-256 they hash to goes into the audit trail.
    public func sign(actor: Principal, tenantID: UUID, id: UUID, signedOn: CalendarDate, expectedVersion: Int,
                     idempotencyKey: String? = nil) async throws -> Decree {
        let today = CalendarDate.utc(env.now())
        let key = try Idempotency.validKey(idempotencyKey)
        let request = ["decree.sign", id.uuidString, "v\(expectedVersion)", signedOn.iso]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.approver]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                let before = try await Self.locked(tx, tenantID: tenantID, id: id, expectedVersion: expectedVersion)
                guard before.status == .issued else {
                    throw DomainError.conflict("decree.invalid_state", "Only an issued decree is signed; this one is \(before.status.rawValue).")
                }
                guard signedOn <= today, signedOn >= before.content!.issuedOn else {
                    throw DomainError.invalid("decree.invalid_signed_on", "signedOn must lie between the day of issue and today.",
                                              field: "signedOn")
                }
                let after = try await tx.decrees.sign(tenantID: tenantID, id: id, signedOn: signedOn, by: actor.user.id)
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "decree.sign", entityType: "decree", entityID: id.uuidString.lowercased(),
                    before: AuditSnapshot.json(Summary(before)), after: AuditSnapshot.json(Summary(after))))
                return after
            }
        }
    }

    /// Cancels an issued or signed decree with a reason (10-1000 characters); it keeps its
    /// number, which is never given again.
    public func cancel(actor: Principal, tenantID: UUID, id: UUID, reason: String, expectedVersion: Int,
                       idempotencyKey: String? = nil) async throws -> Decree {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...1000).contains(reason.unicodeScalars.count) else {   // code points, as the database counts
            throw DomainError.invalid("decree.invalid_reason", "reason must have 10 to 1000 characters.", field: "reason")
        }
        let key = try Idempotency.validKey(idempotencyKey)
        let request = ["decree.cancel", id.uuidString, "v\(expectedVersion)", reason]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                let before = try await Self.locked(tx, tenantID: tenantID, id: id, expectedVersion: expectedVersion)
                guard before.status != .cancelled else {
                    throw DomainError.conflict("decree.invalid_state", "The decree is already cancelled.")
                }
                return try await Self.cancel(tx, tenant: tenant, actor: actor, before, reason: reason)
            }
        }
    }

    /// Cancels every decree of the plan not cancelled yet, with the plan's cancellation reason
    /// (numbers kept, each audited as `decree.cancel`): a cancelled plan leaves no decree in force.
    static func cancelAll(_ tx: any StoreTransaction, tenant: Tenant, actor: Principal, planID: UUID, reason: String) async throws {
        for before in try await tx.decrees.list(tenantID: tenant.id, planID: planID, agencies: nil) where before.status != .cancelled {
            _ = try await cancel(tx, tenant: tenant, actor: actor, before, reason: reason)
        }
    }

    /// Cancels one decree (its number kept) and records `decree.cancel` in the audit trail.
    private static func cancel(_ tx: any StoreTransaction, tenant: Tenant, actor: Principal, _ before: Decree,
                               reason: String) async throws -> Decree {
        let after = try await tx.decrees.cancel(tenantID: tenant.id, id: before.id, reason: reason, by: actor.user.id)
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: "decree.cancel", entityType: "decree", entityID: before.id.uuidString.lowercased(),
            before: AuditSnapshot.json(Summary(before)), after: AuditSnapshot.json(Summary(after))))
        return after
    }

    private static func locked(_ tx: any StoreTransaction, tenantID: UUID, id: UUID, expectedVersion: Int) async throws -> Decree {
        guard let decree = try await tx.decrees.find(tenantID: tenantID, id: id, lock: true) else { throw notFound }
        try PlanReviewService.checkVersion(decree.version, expectedVersion, code: "decree.version_mismatch", what: "decree")
        return decree
    }

    /// What the audit trail keeps of a decree: its number, state and the hash of its content.
    struct Summary: Encodable {
        var number: String
        var status: String
        var planID: UUID
        var effectiveDate: String
        var sha256: String
        var rowCount: Int
        var signedOn: String?
        var cancelReason: String?
        init(_ d: Decree) {
            number = d.number; status = d.status.rawValue; planID = d.planID; effectiveDate = d.effectiveDate.iso
            sha256 = d.sha256; rowCount = d.rowCount; signedOn = d.signedOn?.iso; cancelReason = d.cancelReason
        }
    }
}

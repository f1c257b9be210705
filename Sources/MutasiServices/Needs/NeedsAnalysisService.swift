import Foundation
import MutasiDomain
import MutasiRepositories

/// Needs analyses (ANJAB-ABK): agency operators (for their agencies' slots) and tenant admins
/// enter and submit them; tenant admins approve them, which sets the slot's need, or return them
/// with notes. Approvers, auditors and the tenant's platform or BKN managers read them.
public struct NeedsAnalysisService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .agencyOperator, .approver, .auditor]
    static let editors: Set<Role> = [.tenantAdmin, .agencyOperator]
    static let maxTasks = 500

    /// One task as entered: name, yearly volume and standard minutes (decimals).
    public struct TaskInput: Sendable, Codable {
        public var name: String
        public var volume: DecimalInput
        public var standardMinutes: DecimalInput
        public init(name: String, volume: DecimalInput, standardMinutes: DecimalInput) {
            self.name = name; self.volume = volume; self.standardMinutes = standardMinutes
        }
    }

    /// A ratio-based driver as entered: what is counted, how many, and how many one person serves.
    public struct RatioInput: Sendable, Codable {
        public var driver: String
        public var population: Int
        public var perPerson: DecimalInput
        public init(driver: String, population: Int, perPerson: DecimalInput) {
            self.driver = driver; self.population = population; self.perPerson = perPerson
        }
    }

    /// What an analysis is computed from: tasks or a ratio, exactly one of them.
    public struct Content: Sendable, Codable {
        public var tasks: [TaskInput]?
        public var ratio: RatioInput?
        public init(tasks: [TaskInput]? = nil, ratio: RatioInput? = nil) { self.tasks = tasks; self.ratio = ratio }
    }

    /// A new analysis of a slot for a year.
    public struct Draft: Sendable, Codable {
        public var slotID: UUID
        public var year: Int
        public var tasks: [TaskInput]?
        public var ratio: RatioInput?
        public init(slotID: UUID, year: Int, tasks: [TaskInput]? = nil, ratio: RatioInput? = nil) {
            self.slotID = slotID; self.year = year; self.tasks = tasks; self.ratio = ratio
        }
        public var content: Content { Content(tasks: tasks, ratio: ratio) }
    }

    // MARK: Reading

    public func list(actor: Principal, tenantID: UUID, filter: NeedsAnalysisFilter, page: PageRequest) async throws -> Page<NeedsAnalysisView> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers, managersToo: true) { tx, _ in
            var filter = filter
            // Checked before it reaches the database's 32-bit column, where a wider value would trap.
            filter.year = try filter.year.map(NeedsAnalysis.validYear)
            filter.visibleAgencies = TenantScope.visibleAgencies(actor)
            let records = try await tx.needs.list(tenantID: tenantID, filter, page)
            let settings = try await tx.needsSettings.find(tenantID: tenantID)
            return Page(items: try records.items.map { try NeedsAnalysisView($0, settings: settings) },
                        total: records.total, request: page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> NeedsAnalysisView {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers, managersToo: true) { tx, _ in
            let record = try await Self.record(tx, actor: actor, tenantID: tenantID, id: id, lock: false)
            return try NeedsAnalysisView(record, settings: try await tx.needsSettings.find(tenantID: tenantID))
        }
    }

    /// The steps the analysis went through, oldest first.
    public func history(actor: Principal, tenantID: UUID, id: UUID, page: PageRequest) async throws -> Page<NeedsAnalysisEvent> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers, managersToo: true) { tx, _ in
            _ = try await Self.record(tx, actor: actor, tenantID: tenantID, id: id, lock: false)
            return try await tx.needs.events(tenantID: tenantID, analysisID: id, page)
        }
    }

    /// The slot an analysis would be entered for, with its current staff: what the entry form
    /// computes the gap and EJ against before anything is saved. Editors only (operators: their
    /// agencies' slots, 403 otherwise); a slot of no agency of the tenant answers 404.
    public func slot(actor: Principal, tenantID: UUID, slotID: UUID) async throws -> NeedsSlotContext {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.editors) { tx, _ in
            guard let slot = try await tx.needs.slot(tenantID: tenantID, slotID: slotID) else {
                throw DomainError.notFound("slot.not_found", "Slot not found.")
            }
            try TenantScope.requireAgency(actor, slot.agencyID)
            return slot
        }
    }

    // MARK: Writing

    /// A retry with the same `idempotencyKey` returns the analysis the first request created.
    public func create(actor: Principal, tenantID: UUID, _ draft: Draft, idempotencyKey: String? = nil) async throws -> NeedsAnalysisView {
        let key = try Idempotency.validKey(idempotencyKey)
        let year = try NeedsAnalysis.validYear(draft.year)
        let basis = try Self.basis(draft.content)
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.editors) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key,
                                      request: ["needs_analysis.create", AuditSnapshot.json(draft) ?? ""]) {
                guard let slot = try await tx.needs.slot(tenantID: tenantID, slotID: draft.slotID) else {
                    throw DomainError.invalid("slot.not_found", "No slot of this tenant has id \(draft.slotID).", field: "slotID")
                }
                try TenantScope.requireAgency(actor, slot.agencyID)
                if let open = try await tx.needs.openAnalysisID(tenantID: tenantID, slotID: slot.slotID, year: year) {
                    throw DomainError.conflict("needs.open_analysis_exists",
                        "The slot already has an analysis for \(year) that is not approved yet (\(open.uuidString.lowercased())); edit that one.")
                }
                let settings = try await tx.needsSettings.find(tenantID: tenantID)
                let figures = try NeedsFigures(basis: basis, settings: settings, currentStaff: slot.currentStaff)
                let analysis = try await tx.needs.create(tenantID: tenantID, slotID: slot.slotID, year: year, basis: basis,
                                                         createdBy: actor.user.id)
                try await Self.logStep(tx, actor: actor, analysis, action: .create, from: nil, notes: nil, need: nil, figures: figures)
                let view = try NeedsAnalysisView(NeedsAnalysisRecord(analysis: analysis, slot: slot), settings: settings)
                try await Self.audit(tx, tenant, actor, "needs_analysis.create", id: analysis.id, before: nil, after: view)
                return view
            }
        }
    }

    /// Replaces the tasks or the ratio of a draft or returned analysis.
    public func update(actor: Principal, tenantID: UUID, id: UUID, _ content: Content, expectedVersion: Int) async throws -> NeedsAnalysisView {
        let basis = try Self.basis(content)
        return try await UnchangedUpdate.run { try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.editors) { tx, tenant in
            let record = try await Self.record(tx, actor: actor, tenantID: tenantID, id: id, lock: true)
            try TenantScope.requireAgency(actor, record.slot.agencyID)
            try Self.check(record.analysis, .update, expectedVersion: expectedVersion)
            let settings = try await tx.needsSettings.find(tenantID: tenantID)
            let before = try NeedsAnalysisView(record, settings: settings)
            let figures = try NeedsFigures(basis: basis, settings: settings, currentStaff: record.slot.currentStaff)
            let analysis = try await tx.needs.replaceBasis(tenantID: tenantID, id: id, basis: basis)
            try await Self.logStep(tx, actor: actor, analysis, action: .update, from: record.analysis.state, notes: nil,
                                  need: nil, figures: figures)
            let view = try NeedsAnalysisView(NeedsAnalysisRecord(analysis: analysis, slot: record.slot), settings: settings)
            try UnchangedUpdate.check(before, view)
            try await Self.audit(tx, tenant, actor, "needs_analysis.update", id: id, before: before, after: view)
            return view
        } }
    }

    /// Sends a draft or returned analysis for verification.
    public func submit(actor: Principal, tenantID: UUID, id: UUID, expectedVersion: Int,
                       idempotencyKey: String? = nil) async throws -> NeedsAnalysisView {
        try await decide(actor: actor, tenantID: tenantID, id: id, .submit, expectedVersion: expectedVersion,
                         notes: nil, idempotencyKey: idempotencyKey)
    }

    /// Approves a submitted analysis: its required headcount becomes the slot's need (unless an
    /// analysis of a later year is approved already), with optional notes.
    public func approve(actor: Principal, tenantID: UUID, id: UUID, expectedVersion: Int, notes: String? = nil,
                        idempotencyKey: String? = nil) async throws -> NeedsAnalysisView {
        try await decide(actor: actor, tenantID: tenantID, id: id, .approve, expectedVersion: expectedVersion,
                         notes: try notes.map { try Validate.text($0, field: "notes", max: 4000) }, idempotencyKey: idempotencyKey)
    }

    /// Returns a submitted analysis to its agency with notes saying what to change.
    public func returnForRevision(actor: Principal, tenantID: UUID, id: UUID, expectedVersion: Int, notes: String,
                                  idempotencyKey: String? = nil) async throws -> NeedsAnalysisView {
        let notes = try Validate.text(notes, field: "notes", max: 4000)
        return try await decide(actor: actor, tenantID: tenantID, id: id, .return, expectedVersion: expectedVersion,
                                notes: notes, idempotencyKey: idempotencyKey)
    }

    private func decide(actor: Principal, tenantID: UUID, id: UUID, _ action: NeedsAnalysis.Action, expectedVersion: Int,
                        notes: String?, idempotencyKey: String?) async throws -> NeedsAnalysisView {
        let key = try Idempotency.validKey(idempotencyKey)
        let roles: Set<Role> = action == .submit ? Self.editors : [.tenantAdmin]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: roles) { tx, tenant in
            let record = try await Self.record(tx, actor: actor, tenantID: tenantID, id: id, lock: true)
            try TenantScope.requireAgency(actor, record.slot.agencyID)
            let request = [action.rawValue, id.uuidString, "v\(expectedVersion)", notes ?? ""]
            return try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                try Self.check(record.analysis, action, expectedVersion: expectedVersion)
                let settings = try await tx.needsSettings.find(tenantID: tenantID)
                let before = try NeedsAnalysisView(record, settings: settings)
                let figures = try NeedsFigures(basis: record.analysis.basis, settings: settings,
                                               currentStaff: record.slot.currentStaff)
                var slot = record.slot
                var need: Int?
                if action == .approve {
                    need = figures.requiredHeadcount
                    let later = try await tx.needs.latestApprovedYear(tenantID: tenantID, slotID: slot.slotID, excluding: id)
                    if later.map({ $0 <= record.analysis.year }) ?? true {
                        let old = try await tx.needs.setSlotNeed(tenantID: tenantID, slotID: slot.slotID, need: figures.requiredHeadcount,
                                                                      analysisID: id)
                        slot.need = figures.requiredHeadcount
                        struct NeedChange: Encodable { var slotID: UUID; var need: Int; var analysisID: UUID? }
                        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                            action: "slot.need_set", entityType: "slot", entityID: slot.slotID.uuidString.lowercased(),
                            before: AuditSnapshot.json(NeedChange(slotID: slot.slotID, need: old, analysisID: nil)),
                            after: AuditSnapshot.json(NeedChange(slotID: slot.slotID, need: figures.requiredHeadcount, analysisID: id))))
                    }
                }
                let to = action.transition.to ?? record.analysis.state
                let analysis = try await tx.needs.apply(tenantID: tenantID, id: id, NeedsTransition(
                    action: action, to: to, notes: action == .submit ? record.analysis.notes : notes,
                    approvedNeed: need, actor: actor))
                try await Self.logStep(tx, actor: actor, analysis, action: action, from: record.analysis.state, notes: notes,
                                      need: need, figures: figures)
                let view = try NeedsAnalysisView(NeedsAnalysisRecord(analysis: analysis, slot: slot), settings: settings)
                try await Self.audit(tx, tenant, actor, "needs_analysis.\(action.rawValue)", id: id, before: before, after: view)
                return view
            }
        }
    }

    // MARK: Rules

    static let notFound = DomainError.notFound("needs.not_found", "Needs analysis not found.")

    /// The analysis, readable by the actor (operators: only their agencies', 403 otherwise).
    private static func record(_ tx: any StoreTransaction, actor: Principal, tenantID: UUID, id: UUID,
                               lock: Bool) async throws -> NeedsAnalysisRecord {
        guard let record = try await tx.needs.find(tenantID: tenantID, id: id, lock: lock) else { throw notFound }
        try TenantScope.requireAgency(actor, record.slot.agencyID)
        return record
    }

    /// The version first (412 when stale), then the state (409 when the step does not apply).
    private static func check(_ analysis: NeedsAnalysis, _ action: NeedsAnalysis.Action, expectedVersion: Int) throws {
        guard analysis.version == expectedVersion else {
            throw DomainError(.preconditionFailed, code: "needs.version_mismatch",
                              "The analysis was changed by someone else; reload it and try again.")
        }
        guard action.transition.from.contains(analysis.state) else {
            let allowed = action.transition.from.map(\.rawValue).sorted().joined(separator: " or ")
            throw DomainError.conflict("needs.invalid_state",
                "Cannot \(action.rawValue) an analysis that is \(analysis.state.rawValue); it must be \(allowed).")
        }
    }

    /// Parses the content into tasks or a ratio; errors name the field (`tasks[2].volume`).
    static func basis(_ content: Content) throws -> NeedsBasis {
        switch (content.tasks, content.ratio) {
        case (nil, nil):
            throw DomainError.invalid("needs.basis_required", "Give either tasks or a ratio.", field: "tasks")
        case (.some, .some):
            throw DomainError.invalid("needs.basis_ambiguous", "Give either tasks or a ratio, not both.", field: "ratio")
        case (let tasks?, nil):
            guard !tasks.isEmpty else {
                throw DomainError.invalid("needs.tasks_required", "A workload analysis needs at least one task.", field: "tasks")
            }
            guard tasks.count <= maxTasks else {
                throw DomainError.invalid("needs.too_many_tasks", "At most \(maxTasks) tasks.", field: "tasks")
            }
            return .workload(try tasks.enumerated().map { i, task in
                let field = "tasks[\(i)]"
                guard task.name.count <= 500 else {
                    throw DomainError.invalid("needs.task_name_too_long", "A task name has at most 500 characters.", field: "\(field).name")
                }
                return try renamingFields {
                    try WorkloadTask(name: task.name, volume: task.volume.rational(field: "\(field).volume"),
                                     standardMinutes: task.standardMinutes.rational(field: "\(field).standardMinutes"),
                                     field: field)
                }
            })
        case (nil, let ratio?):
            let driver = try Validate.text(ratio.driver, field: "ratio.driver", max: 200)
            let perPerson = try ratio.perPerson.rational(field: "ratio.perPerson")
            let need = try renamingFields { try RatioNeed(population: ratio.population, ratio: perPerson) }
            return .ratio(RatioDriver(driver: driver, need: need))
        }
    }

    /// The domain names fields in snake case (`tasks[0].standard_minutes`, `ratio`); the API in
    /// camel case (`tasks[0].standardMinutes`, `ratio.perPerson`).
    private static func renamingFields<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as DomainError {
            switch error.field {
            case "population": error.field = "ratio.population"
            case "ratio": error.field = "ratio.perPerson"
            case let field?: error.field = field.replacingOccurrences(of: ".standard_minutes", with: ".standardMinutes")
            case nil: break
            }
            throw error
        }
    }

    private static func logStep(_ tx: any StoreTransaction, actor: Principal, _ analysis: NeedsAnalysis,
                               action: NeedsAnalysis.Action, from: NeedsAnalysis.State?, notes: String?, need: Int?,
                               figures: NeedsFigures) async throws {
        try await tx.needs.appendEvent(tenantID: analysis.tenantID, analysisID: analysis.id, NeedsAnalysisEvent(
            seq: 0, action: action, fromState: from, toState: analysis.state, actorID: actor.user.id,
            actorName: actor.user.username, occurredAt: Date(), notes: notes, need: need, figures: figures))
    }

    private static func audit(_ tx: any StoreTransaction, _ tenant: Tenant, _ actor: Principal, _ action: String, id: UUID,
                              before: NeedsAnalysisView?, after: NeedsAnalysisView) async throws {
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: action, entityType: "needs_analysis", entityID: id.uuidString.lowercased(),
            before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
    }
}

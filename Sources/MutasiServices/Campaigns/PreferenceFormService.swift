import Foundation
import MutasiDomain
import MutasiRepositories

/// Preference forms (formulir preferensi): one per employee per campaign, filed and replaced by
/// the employee alone (the `employee` role, for the record their user is linked to) while the
/// campaign is open; every version is kept. Staff read them: tenant admins, approvers and
/// auditors all of the campaign's, agency operators those of their agencies' employees. Tenant
/// admins export them as CSV.
public struct PreferenceFormService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let staff: Set<Role> = [.tenantAdmin, .agencyOperator, .approver, .auditor]

    /// A form as the employee writes it. Unknown fields are refused.
    public struct Input: Sendable, Codable {
        public var wish: String
        public var preferences: [UUID]?
        public var reasons: [ReasonInput]?
        public var spouseWorkplace: String?
        public init(wish: String, preferences: [UUID]? = nil, reasons: [ReasonInput]? = nil, spouseWorkplace: String? = nil) {
            self.wish = wish; self.preferences = preferences; self.reasons = reasons; self.spouseWorkplace = spouseWorkplace
        }
        enum CodingKeys: String, CodingKey, CaseIterable { case wish, preferences, reasons, spouseWorkplace }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            wish = try c.decode(String.self, forKey: .wish)
            preferences = try c.decodeIfPresent([UUID].self, forKey: .preferences)
            reasons = try c.decodeIfPresent([ReasonInput].self, forKey: .reasons)
            spouseWorkplace = try c.decodeIfPresent(String.self, forKey: .spouseWorkplace)
        }
    }

    public struct ReasonInput: Sendable, Codable {
        public var category: String
        public var text: String
        public init(category: String, text: String) { self.category = category; self.text = text }
        enum CodingKeys: String, CodingKey, CaseIterable { case category, text }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            category = try c.decode(String.self, forKey: .category)
            text = try c.decode(String.self, forKey: .text)
        }
    }

    // MARK: The employee's own form

    /// The employee's form in the campaign (404 `form.not_found` before the first filing). A
    /// transfer request shows how far it has come in the campaign's plans in review, and how an
    /// approved plan of the campaign decided it.
    public func mine(actor: Principal, tenantID: UUID, campaignID: UUID) async throws -> PreferenceForm {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            let (campaign, employee) = try await Self.ownCampaign(tx, actor, tenantID: tenantID, campaignID: campaignID)
            guard var form = try await tx.campaigns.form(tenantID: tenantID, campaignID: campaign.id, employeeID: employee.id,
                                                         lock: false) else { throw Self.notFound }
            if form.requestStatus != nil {
                if let decided = try await tx.planDecisions.decidedMove(tenantID: tenantID, campaignID: campaign.id,
                                                                         employeeID: employee.id) {
                    form.decide(toUnit: decided.toUnit, droppedReason: decided.droppedReason)
                } else if let progress = try await tx.planReview.requestProgress(tenantID: tenantID, campaignID: campaign.id,
                                                                                   employeeID: employee.id) {
                    form.requestStatus = progress
                }
            }
            return form
        }
    }

    /// Files the employee's form, or replaces it (then `expectedVersion`, from If-Match, is
    /// required: 428 without it, 412 when stale). Returns the form and whether it was new.
    public func file(actor: Principal, tenantID: UUID, campaignID: UUID, _ input: Input,
                     expectedVersion: Int?) async throws -> (form: PreferenceForm, created: Bool) {
        try await UnchangedUpdate.run { try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, tenant in
            let (campaign, employee) = try await Self.ownCampaign(tx, actor, tenantID: tenantID, campaignID: campaignID)
            guard campaign.state == .open else {
                throw DomainError.conflict("campaign.not_open",
                    "Forms are filed and changed only while the campaign is open; it is \(campaign.state.rawValue).")
            }
            let content = try await Self.validated(tx, tenantID: tenantID, campaign: campaign, input)
            let before = try await tx.campaigns.form(tenantID: tenantID, campaignID: campaignID, employeeID: employee.id, lock: true)
            if let before {
                guard let expectedVersion else {
                    throw DomainError(.preconditionRequired, code: "request.if_match_required",
                                      "Send If-Match with the ETag of the form you read, so concurrent edits are detected.")
                }
                guard before.version == expectedVersion else {
                    throw DomainError(.preconditionFailed, code: "form.version_mismatch",
                                      "The form was changed meanwhile; reload it and try again.")
                }
            } else if expectedVersion != nil {
                throw DomainError(.preconditionFailed, code: "form.version_mismatch", "There is no form yet to replace.")
            }
            let form = try await tx.campaigns.saveForm(
                tenantID: tenantID, campaignID: campaignID, employeeID: employee.id, content,
                requestStatus: content.wish == .move ? .filed : nil, filedBy: actor.user.id)
            if let before { try UnchangedUpdate.check(before, form, current: (form: before, created: false)) }
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: before == nil ? "preference_form.file" : "preference_form.replace", entityType: "preference_form",
                entityID: "\(campaignID.uuidString.lowercased())/\(employee.id.uuidString.lowercased())",
                before: AuditSnapshot.json(before.map(Summary.init)), after: AuditSnapshot.json(Summary(form))))
            return (form, before == nil)
        } }
    }

    // MARK: Staff

    /// The campaign's forms the actor may read, narrowed by `filter` (a wish, an agency).
    public func list(actor: Principal, tenantID: UUID, campaignID: UUID, filter: FormFilter = FormFilter(),
                     page: PageRequest) async throws -> Page<PreferenceForm> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.staff) { tx, _ in
            let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
            return try await tx.campaigns.forms(tenantID: tenantID, campaignID: campaign.id,
                                                agencyIDs: TenantScope.visibleAgencies(actor), filter, page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> PreferenceForm {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.staff) { tx, _ in
            let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
            guard let form = try await tx.campaigns.form(tenantID: tenantID, campaignID: campaign.id, employeeID: employeeID, lock: false),
                  WorkforceAccess.canRead(actor, agencyID: form.agencyID) else { throw Self.notFound }
            return form
        }
    }

    /// Every form of the campaign as CSV (UTF-8 with BOM, `;`) or .xlsx, tenant admins only.
    public func exportCSV(actor: Principal, tenantID: UUID, campaignID: UUID, format: SheetFormat = .csv) async throws -> Data {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let campaign = try await CampaignService.find(tx, tenantID: tenantID, id: campaignID, lock: false)
            let forms = try await tx.campaigns.allForms(tenantID: tenantID, campaignID: campaign.id)
            let referenced = Set(forms.flatMap(\.preferences) + forms.compactMap { $0.spouseWorkplace.flatMap(UUID.init(uuidString:)) })
            let codes = try await tx.campaigns.unitCodes(tenantID: tenantID, Array(referenced))
            let data = PreferenceFormCSV.write(forms, unitCodes: codes, format: format)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "preference_form.export", entityType: "campaign", entityID: campaign.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(["forms": forms.count])))
            return data
        }
    }

    // MARK: Rules

    static let notFound = DomainError.notFound("form.not_found", "Preference form not found.")

    /// The campaign and the employee record of the acting employee; 403 when the user is linked
    /// to no record (`form.no_employee_record`) or the campaign does not cover them
    /// (`form.outside_campaign`).
    static func ownCampaign(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID,
                            campaignID: UUID) async throws -> (Campaign, Employee) {
        let campaign = try await CampaignService.find(tx, tenantID: tenantID, id: campaignID, lock: false)
        guard let employeeID = actor.user.employeeID,
              let employee = try await tx.employees.find(tenantID: tenantID, id: employeeID) else {
            throw DomainError(.forbidden, code: "form.no_employee_record",
                              "Your user is not linked to an employee record; ask your BKPSDM.")
        }
        guard campaign.state != .draft else { throw CampaignService.notFound }
        guard campaign.covers(agencyID: employee.agencyID) else {
            throw DomainError(.forbidden, code: "form.outside_campaign", "This campaign does not cover your agency.")
        }
        return (campaign, employee)
    }

    /// Checks a form: the wish; up to five units of the tenant (in the campaign's agencies when it
    /// lists some), none twice; reasons with known categories and text up to 1,000 characters;
    /// the spouse's workplace (a unit of the tenant or a region code), required for a reunion.
    static func validated(_ tx: any StoreTransaction, tenantID: UUID, campaign: Campaign, _ input: Input) async throws -> FormContent {
        guard let wish = PreferenceForm.Wish(rawValue: input.wish) else {
            throw DomainError.invalid("form.invalid_wish", "wish must be move, stay or none.", field: "wish")
        }
        let preferences = input.preferences ?? []
        guard preferences.count <= PreferenceForm.maxPreferences else {
            throw DomainError.invalid("form.too_many_preferences",
                                      "At most \(PreferenceForm.maxPreferences) units may be listed.", field: "preferences")
        }
        var seen: Set<UUID> = []
        for (i, id) in preferences.enumerated() where !seen.insert(id).inserted {
            throw DomainError.invalid("form.duplicate_preference", "A unit is listed twice.", field: "preferences[\(i)]")
        }
        let reasonsIn = input.reasons ?? []
        guard reasonsIn.count <= PreferenceForm.maxReasons else {
            throw DomainError.invalid("form.too_many_reasons", "At most \(PreferenceForm.maxReasons) reasons.", field: "reasons")
        }
        let reasons = try reasonsIn.enumerated().map { (i, reason) -> PreferenceForm.Reason in
            guard let category = PreferenceForm.ReasonCategory(rawValue: reason.category) else {
                throw DomainError.invalid("form.invalid_reason_category",
                    "category must be one of \(PreferenceForm.ReasonCategory.allCases.map(\.rawValue).joined(separator: ", ")).",
                    field: "reasons[\(i)].category")
            }
            let text = reason.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count <= PreferenceForm.maxReasonText else {
                throw DomainError.invalid("form.reason_too_long",
                    "A reason's text has at most \(PreferenceForm.maxReasonText) characters.", field: "reasons[\(i)].text")
            }
            return PreferenceForm.Reason(category: category, text: text)
        }
        var spouseWorkplace = input.spouseWorkplace?.trimmingCharacters(in: .whitespacesAndNewlines)
        if spouseWorkplace?.isEmpty == true { spouseWorkplace = nil }
        var unitIDs = preferences
        let spouseUnit = spouseWorkplace.flatMap { UUID(uuidString: $0) }
        if let spouseUnit { unitIDs.append(spouseUnit) }
        let agencies = try await tx.campaigns.unitAgencies(tenantID: tenantID, unitIDs)
        for (i, id) in preferences.enumerated() {
            guard let agency = agencies[id] else {
                throw DomainError.invalid("form.unknown_unit", "No unit of this tenant has this id.", field: "preferences[\(i)]")
            }
            guard campaign.covers(agencyID: agency) else {
                throw DomainError.invalid("form.unit_outside_campaign", "The unit is not in an agency of this campaign.",
                                          field: "preferences[\(i)]")
            }
        }
        if let text = spouseWorkplace {
            if let spouseUnit {
                guard agencies[spouseUnit] != nil else {
                    throw DomainError.invalid("form.unknown_unit", "No unit of this tenant has this id.", field: "spouseWorkplace")
                }
                spouseWorkplace = spouseUnit.uuidString.lowercased()
            } else {
                do {
                    spouseWorkplace = try RegionCode(text, field: "spouseWorkplace").text
                } catch {
                    throw DomainError.invalid("form.invalid_spouse_workplace",
                        "spouseWorkplace is a unit id of this tenant or a region code such as 53.71.", field: "spouseWorkplace")
                }
            }
        } else if reasons.contains(where: { $0.category == .familyReunion }) {
            throw DomainError.invalid("form.spouse_workplace_required",
                "A family reunion reason needs the spouse's workplace (a unit id or a region code).", field: "spouseWorkplace")
        }
        return FormContent(wish: wish, preferences: preferences, reasons: reasons, spouseWorkplace: spouseWorkplace)
    }

    /// What the audit trail keeps of a form: no free text (it may hold health details).
    struct Summary: Encodable {
        var employeeID: UUID
        var version: Int
        var wish: PreferenceForm.Wish
        var preferences: [UUID]
        var reasonCategories: [PreferenceForm.ReasonCategory]
        var spouseWorkplaceGiven: Bool
        init(_ form: PreferenceForm) {
            employeeID = form.employeeID; version = form.version; wish = form.wish; preferences = form.preferences
            reasonCategories = form.reasons.map(\.category); spouseWorkplaceGiven = form.spouseWorkplace != nil
        }
    }
}

/// Every service, built once over one environment and shared by the HTTP API and the CLI.
public struct Services: Sendable {
    public let env: ServiceEnvironment
    public let auth: AuthService
    public let offices: BknOfficeService
    public let tenants: TenantService
    public let agencies: AgencyService
    public let users: UserService
    public let audit: AuditService
    public let demo: DemoSeedService
    public let operators: OperatorService
    public let units: UnitService
    public let slots: SlotService
    public let employees: EmployeeService
    public let retirementAges: RetirementAgeService
    public let imports: WorkforceImportService
    public let exports: WorkforceExportService
    public let needs: NeedsAnalysisService
    public let needsSettings: NeedsSettingsService
    public let balance: BalanceService
    public let plans: PlanService
    public let planReview: PlanReviewService
    public let moveAnswers: MoveAnswerService
    public let campaigns: CampaignService
    public let forms: PreferenceFormService
    public let points: PriorityPointsService
    public let contests: PointContestService
    public let planSettings: PlanSettingsService
    public let planComments: PlanCommentService
    public let planDecisions: PlanDecisionService
    public let execution: PlanExecutionService
    public let followUp: FollowUpService
    public let planReports: PlanReportService
    public let decreeSettings: DecreeSettingsService
    public let decrees: DecreeService

    /// `pdf` prints decrees (headless Chromium).
    public init(_ env: ServiceEnvironment, pdf: PDFRenderer = PDFRenderer()) {
        self.env = env
        auth = AuthService(env)
        offices = BknOfficeService(env)
        tenants = TenantService(env)
        agencies = AgencyService(env)
        users = UserService(env)
        audit = AuditService(env)
        demo = DemoSeedService(env)
        operators = OperatorService(env)
        units = UnitService(env)
        slots = SlotService(env)
        employees = EmployeeService(env)
        retirementAges = RetirementAgeService(env)
        imports = WorkforceImportService(env)
        exports = WorkforceExportService(env)
        needs = NeedsAnalysisService(env)
        needsSettings = NeedsSettingsService(env)
        balance = BalanceService(env)
        plans = PlanService(env)
        planReview = PlanReviewService(env)
        moveAnswers = MoveAnswerService(env)
        campaigns = CampaignService(env)
        forms = PreferenceFormService(env)
        points = PriorityPointsService(env)
        contests = PointContestService(env)
        planSettings = PlanSettingsService(env)
        planComments = PlanCommentService(env)
        planDecisions = PlanDecisionService(env)
        execution = PlanExecutionService(env)
        followUp = FollowUpService(env)
        planReports = PlanReportService(env)
        decreeSettings = DecreeSettingsService(env)
        decrees = DecreeService(env, renderer: pdf)
    }
}

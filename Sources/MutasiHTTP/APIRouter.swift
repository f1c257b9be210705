import Hummingbird
import MutasiServices
import Prometheus

/// Builds the router of the whole HTTP API over the services. Public routes come first; every
/// other route passes the `AuthMiddleware`, and the services check role, tenant and ownership.
public enum APIRouter {
    /// `metricsToken`, when set, is the bearer token `/metrics` requires; `trustedProxies` are the
    /// peers whose `X-Forwarded-For` names the client of a login (and whose `X-Forwarded-Proto`
    /// tells the web pages they are served over TLS); `webIdleLimit` ends an unused page session.
    public static func build(services: Services, metrics: PrometheusCollectorRegistry, metricsToken: String? = nil,
                             logRequests: Bool = true, trustedProxies: TrustedProxies = TrustedProxies(),
                             webIdleLimit: Duration = .seconds(WebSettings.defaultIdleSeconds)) -> (router: Router<AppRequestContext>, routes: RouteTable) {
        let router = Router(context: AppRequestContext.self)
        let table = RouteTable()
        router.add(middleware: RequestIDMiddleware())
        if logRequests { router.add(middleware: AccessLogMiddleware()) }
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: NulQueryMiddleware())
        router.add(middleware: WebNotFoundMiddleware())

        SystemController(services: services, metrics: metrics, metricsToken: metricsToken).register(router, table)
        AuthController(services: services, trustedProxies: trustedProxies).registerPublic(router, table)
        WebController(services: services, settings: WebSettings(idleLimit: webIdleLimit, trustedProxies: trustedProxies))
            .register(router)

        let api = router.group("/v1").add(middleware: AuthMiddleware(auth: services.auth))
        AuthController(services: services).register(api, table)
        TenancyController(services: services).register(api, table)
        UserController(services: services).register(api, table)
        AuditController(services: services).register(api, table)
        WorkforceController(services: services).register(api, table)
        WorkforceFileController(services: services).register(api, table)
        NeedsController(services: services).register(api, table)
        BalanceController(services: services).register(api, table)
        PlanController(services: services).register(api, table)
        PlanReviewController(services: services).register(api, table)
        PlanSettingsController(services: services).register(api, table)
        PlanCommentController(services: services).register(api, table)
        PlanDecisionController(services: services).register(api, table)
        PlanExecutionController(services: services).register(api, table)
        CampaignController(services: services).register(api, table)
        PointContestController(services: services).register(api, table)
        DecreeController(services: services).register(api, table)
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes))
        return (router, table)
    }
}

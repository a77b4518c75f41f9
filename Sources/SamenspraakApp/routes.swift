import Vapor

/// Parents' controllers register through `ParentFacingRoutes`: the request log counts their requests per minute
/// and writes no line per request.
func routes(_ app: Application) throws {
    try app.register(collection: PublicController())
    try app.register(collection: AuthController())
    try app.register(collection: TrajectoryController())
    try app.register(collection: SchoolController())
    try app.register(collection: InvitationController())
    try app.register(collection: AccountController())
    try app.register(collection: PasswordResetController())
    try app.register(collection: StaffAccountController())
    try app.register(collection: LanguageController())
    try app.register(collection: StaffWaveController())
    try ParentFacingRoutes(app).register(collection: ParentSurveyController())
    try app.register(collection: ReportController())
    try app.register(collection: ApiController())
    try ParentFacingRoutes(app).register(collection: ParentRatingController())
    try app.register(collection: StaffMomentController())
    try app.register(collection: PublicProfileController())
    try app.register(collection: PlanController())
    try app.register(collection: StaffStoryController())
    try app.register(collection: PublicStoryController())
    try app.register(collection: EventController())
    try ParentFacingRoutes(app).register(collection: ParentCardController())
    try app.register(collection: StaffCardController())
    try app.register(collection: WelcomeController())
    try app.register(collection: KioskController())
    try app.register(collection: ParentKioskController())
    try app.register(collection: VoiceController())
    try ParentFacingRoutes(app).register(collection: PublicAudioController())
}

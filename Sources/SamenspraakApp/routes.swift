import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: PublicController())
    try app.register(collection: AuthController())
    try app.register(collection: TrajectoryController())
    try app.register(collection: SchoolController())
    try app.register(collection: InvitationController())
    try app.register(collection: AccountController())
    try app.register(collection: WaveController())
    try app.register(collection: SurveyController())
    try app.register(collection: ReportController())
    try app.register(collection: ApiController())
    try app.register(collection: RatingController())
    try app.register(collection: MomentController())
    try app.register(collection: ProfileController())
    try app.register(collection: PlanController())
    try app.register(collection: StoryController())
    try app.register(collection: StoriesController())
    try app.register(collection: EventController())
    try app.register(collection: CardController())
}

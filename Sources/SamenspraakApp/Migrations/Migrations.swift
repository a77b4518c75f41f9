import Fluent

/// Every migration, in the order they run. Names are explicit and stable.
enum Migrations {
    static var all: [any Migration] {
        [CreateTrajectories(), CreateSchools(), CreateUsers(), CreateAuthTables(), CreateSurveyTables(), AddTextModeration(), AddSurveyIndexes(), AddSchoolShareName(), CreateApiTokens(), CreateTeamParticipations(),
         CreateMoments(), CreateActionPlans(), CreateStories(), CreateEvents(), CreateConversationCards(),
         CreateKeyTables(), UnlinkableSurveyStorage(), CreateIntakeCounters(), AddSessionKiosk(), AddRatingRelease(),
         AddStaffAccountLifecycle(), CreateMailOutbox(), CreateKnownDevices(), AddWaveCodesMadeOn(),
         CreatePendingStoryPhotos(), CreateRecordings(),
         CreateTextReviews(), CreateWelcomeRounds(), CreateWelcomeContacts(),
         CreateGoodNewsCards(),
         CreateResultsPages(), AddAnswerRespondentIndex(), DropAnswerWaveIndex(),
         ClusterAnswersByResponse()]
    }
}

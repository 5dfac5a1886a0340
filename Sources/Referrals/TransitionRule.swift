/// One row of `TransitionTable`: who may take an action, from where, to where, and with what.
public struct TransitionRule: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case moves(to: ReferralState)
        /// The action is recorded as an event but the referral stays where it is.
        case stays
    }

    public let action: ReferralAction
    public let from: Set<ReferralState>
    public let outcome: Outcome
    public let roles: Set<Role>
    public let requiredFields: [RequiredField]
    public let preconditions: [TransitionPrecondition]

    public init(
        _ action: ReferralAction, from: Set<ReferralState>, _ outcome: Outcome, by roles: Set<Role>,
        requires requiredFields: [RequiredField] = [], when preconditions: [TransitionPrecondition] = []
    ) {
        self.action = action
        self.from = from
        self.outcome = outcome
        self.roles = roles
        self.requiredFields = requiredFields
        self.preconditions = preconditions
    }

    /// The state after this action taken from `state`.
    public func resultingState(from state: ReferralState) -> ReferralState {
        switch outcome {
        case .moves(let target): target
        case .stays: state
        }
    }
}

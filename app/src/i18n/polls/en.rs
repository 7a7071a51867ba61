use super::PollsMessages;

pub static EN: PollsMessages = PollsMessages {
    error_closed: "Voting has closed: the vote was not recorded.",
    error_not_open: "Voting has not opened yet.",
    error_referent_only: "In this poll organisations vote: their referent casts the vote.",
    error_already_voted:
        "You have already voted. The poll is anonymous, so the vote cannot be changed.",
    invalid_count: |min, max| {
        if min == max {
            format!("exactly {min} needed.")
        } else {
            format!("from {min} to {max} needed.")
        }
    },
    invalid_date_order:
        "the closing time must come after the opening time, in the future and within a year.",
    title: "Polls",
    intro: "Quick questions to the community: vote in one click, and results update live.",
    new_poll: "New poll",
    new_in_group: "New poll in the group",
    new_in_thread: "Add a poll",
    open_heading: "Open",
    none_open: "No open polls right now.",
    closed_heading: "Closed",
    none_closed: "No closed polls.",
    home_heading: "Featured poll",
    all_polls: "All polls",
    opens_on: |at| format!("Opens on {at}"),
    closes_on: |at| format!("Closes on {at}"),
    closed_on: |at| format!("Closed on {at}"),
    anonymous_badge: "Anonymous",
    named_badge: "Named vote",
    per_organisation_badge: "One vote per organisation",
    in_thread: "In the discussion",
    in_group: "In the group",
    hidden_until_vote: "Results show once you have voted (and to everyone at closing).",
    hidden_until_close: "Results show when the poll closes.",
    hidden_staff: "Results are for staff only.",
    votes: "{n} voters",
    one_vote: "1 voter",
    closes_in: "Closes in {t}",
    closed_now: "Voting closed",
    yours: "your choice",
    days: "d",
    who_voted: "Who voted for what",
    error_results_hidden: "The results of this poll are not visible yet.",
    export_csv: "Download the results (CSV)",
    csv_option: "Option",
    csv_votes: "Votes",
    csv_who: "Chosen by",
    close: "Close now",
    feature: "Feature on the home page",
    unfeature: "Remove from the home page",
    voted_notice: "Your vote has been recorded.",
    choose_one: "Choose one answer",
    choose_up_to: |n| {
        if n == 1 {
            "Choose one answer".into()
        } else {
            format!("Choose up to {n} answers")
        }
    },
    voting_for: |name| format!("Voting for: {name}"),
    vote_for: "Vote for the organisation",
    vote: "Vote",
    change_vote: "Change my vote",
    sign_in_to_vote: "Sign in to vote",
    referent_only: "In this poll organisations vote: their referent casts the vote.",
    already_voted: "You have already voted. The vote is anonymous and cannot be changed.",
    results_label: "Results shown",
    results_always: "Always, to whoever sees the poll",
    results_voted: "After voting (to everyone at closing)",
    results_closed: "Only at closing",
    results_staff: "To staff only",
    featured_label: "Featured on the home page",
    question_label: "Question",
    options_label: "Possible answers",
    options_hint: "One per line, 2 to 20.",
    multiple_label: "Multiple choice",
    max_choices_label: "Maximum number of choices",
    max_choices_hint: "Multiple choice only; empty: all.",
    opens_label: "Opens",
    opens_hint: "Rome time; empty: now.",
    closes_label: "Closes",
    closes_hint: "Rome time.",
    anonymous_label:
        "Anonymous: who voted is recorded, never what they chose (the vote cannot be changed)",
    per_organisation_label: "One vote per organisation, cast by its referent",
    create: "Create the poll",
    you_voted: "You voted",
    to_vote: "Open to your vote",
};

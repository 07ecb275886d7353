"""Argument conditions, negation of nominal acts and headline futures (dateline.events.scope)
as the events stage applies them, on sentences written for these tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events(analysed):
    """Every installed stage after the parse (dates and speakers come from times/quotes)."""
    return lambda text: analysed(text, published="2021-03-02")


def by_trigger(article, word: str):
    """The single event whose trigger contains ``word``."""
    (ev,) = [e for e in article.events if word in e.trigger]
    return ev


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("French warplanes left the Niamey base on Friday.", "left",
     ("RETREAT", "withdraw", "occurred")),
    ("The last Dutch soldiers departed Mali in December.", "departed",
     ("RETREAT", "withdraw", "occurred")),
    ("A group of Chinese warships sailed home from the gulf.", "sailed home",
     ("RETREAT", "withdraw", "occurred")),
    ("The Canadian battalion returned home after a year in Latvia.", "returned home",
     ("RETREAT", "withdraw", "occurred")),
    ("Two squadrons of bombers flew home to Britain.", "flew home",
     ("RETREAT", "withdraw", "occurred")),
    ("Germany reduced its military presence in Afghanistan.", "reduced",
     ("RETREAT", "withdraw", "occurred")),
    # a reporter's sourcing is no allegation: occurred (the learned factual status)
    ("Peacekeepers left the buffer zone, the UN mission said.", "left",
     ("RETREAT", "withdraw", "occurred")),
    # the same verbs without a force moving away stay events outside PLOVER
    ("The chief executive left the bank in May.", "left", ("OTHER", None, "occurred")),
    ("The airline reduced its fares for the summer.", "reduced", ("OTHER", None, "occurred")),
    ("Marine units left for the front on Monday.", "left", ("OTHER", None, "occurred")),
])
def test_force_movement_is_a_retreat(events, text, trigger, expected):
    ev = by_trigger(events(text), trigger)
    assert (ev.type, ev.mode, ev.status) == expected


# The act a word codes depends on its arguments (event_triggers.tsv conditions, status.py).
ARGUMENT_CASES = [
    # meeting and beating need a party (object:party)
    ("The foreign minister met the Iranian envoy in Geneva.", "met", "CONSULT"),
    ("The two leaders met on Tuesday.", "met", "CONSULT"),
    ("The company met its sales targets for the year.", "met", "OTHER"),
    ("Police beat the protesters with batons.", "beat", "ASSAULT"),
    ("Ford beat analysts' predictions earlier in the week.", "beat", "OTHER"),
    # a demand verb that asks for no act asks a question
    ("Israel asked the United States for more weapons.", "asked", "REQUEST"),
    ("Russia urged restraint on both sides.", "urged", "REQUEST"),
    ("The radio host asked Trump about statements he had made.", "asked", "OTHER"),
    ("A reporter asked how the money was spent.", "asked", "OTHER"),
    ("Belarus rejected calls by the opposition for new elections.", "calls", "REJECT"),
    # releasing needs a captive, closing a facility
    ("Iran released the British sailors on Friday.", "released", "RETREAT"),
    ("The rebels freed two hostages near the border.", "freed", "RETREAT"),
    ("Apple released the new iPhone software on Monday.", "released", "OTHER"),
    ("Turkey closed its border with Syria.", "closed", "COERCE"),
    ("The FTSE 100 closed at its highest level in a year.", "closed", "OTHER"),
    # an offer of nothing codeable is no agreement (the aid offered is coded on "aid")
    ("Qatar offered humanitarian aid to the refugees.", "offered", "OTHER"),
    ("The phone offers the ability to listen to music.", "offers", "OTHER"),
    ("A contrary view is offered by a management expert.", "offered", "OTHER"),
    ("Apple and ABC have agreed to a deal.", "agreed", "AGREE"),
    # a force flying close to another party is a show of force (CAMEO 150)
    ("Chinese fighter jets flew close to a U.S. destroyer on Sunday.", "flew", "MOBILIZE"),
    ("Russian military jets buzzed a Danish frigate in the Baltic.", "buzzed", "MOBILIZE"),
    ("The airliner flew close to the storm before landing.", "flew", "OTHER"),
    # PLOVER AID is providing resources (aid, money, arms, supplies), not any giving
    ("Russia has given the Syrian government crucial military backing.", "given", "AID"),
    ("Japan gave Ivory Coast 5.1 million dollars for farm projects.", "gave", "AID"),
    ("The Pentagon provided Ukraine with missiles and ammunition.", "provided", "AID"),
    ("He gave no specific time frame for the pullout.", "gave", "OTHER"),
    ("The gunman gave himself up to police after two hours.", "gave", "OTHER"),
    ("The new phone will provide internet access at double the speed.", "provide", "OTHER"),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), ARGUMENT_CASES)
def test_arguments_decide_the_act(events, text, trigger, expected):
    assert by_trigger(events(text), trigger).type == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Ukraine opened the border crossing to lorries.", "opened", ("RETREAT", "access")),
    ("Tesla opened a new factory near Berlin.", "opened", ("OTHER", None)),
])
def test_opening_is_a_concession_only_for_passages(events, text, trigger, expected):
    ev = by_trigger(events(text), trigger)
    assert (ev.type, ev.mode) == expected


@pytest.mark.parametrize(("text", "trigger"), [
    ("NATO said there was no significant reduction of Russian troops at the border.",
     "reduction"),
    ("There was no sign of a pullout of Armenian forces from the district.", "pullout"),
    ("Observers saw few signs of a withdrawal from the town.", "withdrawal"),
    ("Monitors have not seen any withdrawal of heavy weapons.", "withdrawal"),
])
def test_negated_nominal_acts_are_denied(events, text, trigger):
    ev = by_trigger(events(text), trigger)
    assert (ev.type, ev.action, ev.status) == ("RETREAT", "RETREAT", "denied")


@pytest.mark.parametrize(("text", "trigger"), [
    ("Observers saw signs of a withdrawal from the town.", "withdrawal"),
    ("The withdrawal of Russian troops began on Monday.", "withdrawal"),
])
def test_affirmed_nominal_acts_are_not_denied(events, text, trigger):
    assert by_trigger(events(text), trigger).status != "denied"


def test_denial_disputes_the_earlier_order_and_names_its_speaker(events):
    art = events("The president ordered the withdrawal of Russian troops from the border. "
                 "NATO said there was no significant reduction of Russian forces.")
    order = by_trigger(art, "withdrawal")
    denial = by_trigger(art, "reduction")
    assert (order.status, denial.status) == ("ordered", "denied")
    assert order.disputed_by == (denial.id,) and denial.attributed_to


def test_doubting_an_announced_act_accuses_its_announcer(events):
    """The doubter's target is whoever announced the act, not a place inside the phrase."""
    art = events("Moscow announced a pullout of its forces from Syria on Monday. The Pentagon "
                 "expressed skepticism about the announced withdrawal of troops from Syria.")
    doubt = by_trigger(art, "skepticism")
    assert doubt.type == "ACCUSE" and doubt.source.country == "USA"
    assert doubt.target is not None and doubt.target.country == "RUS"


def test_denial_of_recalled_history_disputes_only_the_history(events):
    art = events("Moscow announced a pullout of its forces on Monday. In March 2016, Moscow "
                 "ordered the start of the withdrawal of its troops from Syria, but there were "
                 "few signs of a pullout after that order.")
    now, then, few = [e for e in art.events if e.action == "RETREAT"]
    assert (now.type, now.status, then.status) == ("CONCEDE", "announced", "ordered")
    assert then.background and few.status == "denied" and few.background
    assert then.disputed_by == (few.id,) and not now.disputed_by


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("Russia to withdraw forces from Syria", "withdraw", ("CONCEDE", "RETREAT", "announced")),
    ("Apple to buy Beats for $3 billion", "buy", ("OTHER", "buy", "announced")),
    ("Putin pulls troops out of Syria", "pull", ("RETREAT", "RETREAT", "occurred")),
])
def test_headline_grammar(events, text, trigger, expected):
    ev = by_trigger(events(text), trigger)
    assert (ev.type, ev.action, ev.status) == expected


@pytest.mark.parametrize(("text", "word", "status"), [
    ("Critics said the hearing revealed nothing new about the attacks.", "attacks", "occurred"),
    ("Police said guerrillas wounded two soldiers in a bomb attack.", "attack", "claimed"),
    ("Police said guerrillas wounded two soldiers in a bomb attack.", "wounded", "claimed"),
])
def test_a_definite_nominal_event_is_presupposed_not_claimed(analysed_by_rules, text, word,
                                                             status):
    """The rules' status (the learned one, tests/events/test_factuality.py, reads police
    sourcing as occurred)."""
    art = analysed_by_rules(text, published="2021-03-02")
    assert {e.status for e in art.events if word in e.trigger.lower()} == {status}


@pytest.mark.parametrize(("text", "assault"), [
    ("Also, Ford will fire 12% of its 53 executive officers.", False),
    ("The coach was fired by the club on Monday.", False),
    ("Militants fired rockets at the town.", True),
    ("Troops fired on protesters in the square.", True),
    ("Shots were fired at the convoy.", True),
])
def test_firing_a_munition_is_an_assault_firing_a_person_is_not(events, text, assault):
    fired = [e for e in events(text).events if "fire" in e.trigger.lower()]
    coded = {c for e in fired for c in (e.type, e.action)}
    assert ("ASSAULT" in coded) == assault, coded


@pytest.mark.parametrize(("text", "expected"), [
    ("Prosecutors charged him with murder.", "COERCE"),
    ("He was charged with voluntary homicide on Tuesday.", "COERCE"),
    ("Critics charged that the hearing revealed nothing new.", "ACCUSE"),
    ("The judge sentenced him to ten years in prison.", "COERCE"),
])
def test_a_legal_charge_or_prison_sentence_is_coerce_an_allegation_is_accuse(
        events, text, expected):
    # CAMEO 173 "arrest, detain, or charge with legal action" is PLOVER COERCE arrest
    coded = {e.type for e in events(text).events if e.trigger.lower() in ("charged", "sentenced")}
    assert coded == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Trump attacked Clinton over her emails.", "ACCUSE"),
    ("Cruz says Trump is attacking him because the polls have tightened.", "ACCUSE"),
    ("Russia attacked Georgia in 2008.", "ASSAULT"),
    ("Gunmen attacked the museum on Wednesday.", "ASSAULT"),
])
def test_attacking_a_person_in_words_is_accuse_not_assault(events, text, expected):
    # the guide's hard case 2: campaign rhetoric is ACCUSE; ASSAULT needs physical harm
    coded = {e.type for e in events(text).events if e.trigger.lower().startswith("attack")}
    assert coded == {expected}


@pytest.mark.parametrize(("text", "consult"), [
    ("The candidate said the meeting was for personal reasons.", False),
    ("There was no photograph of the brief meeting.", False),
    ("Putin held talks with Erdogan in Sochi.", True),
    ("Sanders had a meeting with Pope Francis on Saturday.", True),
])
def test_a_meeting_naming_no_party_is_no_event(events, text, consult):
    # the guide: "the meeting is also not an event unless actors are named meeting"
    assert ("CONSULT" in {e.type for e in events(text).events}) == consult


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Speaker Paul Ryan blasted the FBI for its decision.", "blasted", "ACCUSE"),
    ("Hollande slammed Donald Trump on Tuesday.", "slammed", "ACCUSE"),
    ("She slammed the door and left.", "slammed", None),  # no party: not criticism
    ("The senator mocked Trump for his debts.", "mocked", "ACCUSE"),
    ("The accusations against the mayor grew.", "accusations", "ACCUSE"),
    ("Unions objected to the new rules.", "objected", "ACCUSE"),
    ("Mercer once backed Ted Cruz.", "backed", "SUPPORT"),
    ("The troops backed away from the border.", "backed", None),
    ("Collins' endorsement may help Trump.", "endorsement", "SUPPORT"),
    ("The shooting killed two police officers in Dallas.", "shooting", "ASSAULT"),
    ("The State Department turned down requests for more security.", "requests",
     "REJECT"),  # the refused request carries the refusal, as with "refused"
])
def test_plover_words_of_the_manual_and_cameo_are_triggers(events, text, word, expected):
    # ACCUSE: "express disapprovals, objections, and complaints; ... criticize, defame,
    # denigrate"; SUPPORT: CAMEO 051 "praise or endorse"; nouns of the verbs the lexicon has
    types = {e.type for e in events(text).events if word in e.trigger and e.type != "OTHER"}
    assert types == ({expected} if expected else set()), types

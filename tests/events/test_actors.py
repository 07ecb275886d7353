"""Source/target finding and actor coding (dateline.events.actors, lexicon)."""
from __future__ import annotations

import pytest

from dateline.events.lexicon import lookup_actor
from dateline.stages.events import EventStage


@pytest.mark.parametrize(("text", "expected"), [
    ("Senior Hungarian officials", [("HUN", None), (None, "GOV")]),
    ("the Kremlin", [("RUS", "GOV")]),
    ("a Pentagon spokesman", [("USA", "MIL"), (None, "GOV")]),
    ("Islamic State militants", [(None, "IMG"), (None, "REB")]),
    ("Rebels in the Ivory Coast", [(None, "REB"), ("CIV", None)]),
    ("Afghans", [("AFG", None)]),
    ("Democratic People's Republic of Korea", [("PRK", None)]),
    ("Russian Defense Minister Sergei Shoigu", [("RUS", None), (None, "MIL"), ("RUS", "MIL")]),
    ("an arsonist", [(None, "UAF")]),
    ("Conservation groups", [(None, "NGO")]),
])
def test_lookup_actor_codes_country_and_sector(text, expected):
    assert [(e.country, e.sector) for _, _, e in lookup_actor(text)] == expected


@pytest.mark.parametrize("text", ["us", "is", "the uk"])
def test_capitalised_entries_do_not_match_lowercase_words(text):
    assert not [e for _, _, e in lookup_actor(text) if e.country or e.kind == "org"]


@pytest.fixture(scope="module")
def top(settings, make_article):
    stage = EventStage(settings)

    def run(text: str):
        art = stage(make_article(text, published="2020-05-10"))
        return max((e for e in art.events if e.type != "OTHER"), key=lambda e: e.confidence)
    return run


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Kenyan police arrested 40 protesters in Nairobi on Monday.", ("KEN", "COP"), "KEN"),
    ("The Indian foreign minister met with his Pakistani counterpart in Geneva.",
     ("IND", "GOV"), "PAK"),
    ("A temporary camp for Somali refugees was attacked by Ethiopian soldiers.",
     ("ETH", "MIL"), "SOM"),
    ("Washington demanded that Tehran release the sailors.", ("USA", "GOV"), "IRN"),
    ("Russia's visit to Cuba ended on Friday.", ("RUS", None), "CUB"),
    ("Germany rejected a Greek request for new loans.", ("DEU", None), "GRC"),
    ("President Erdogan hosted the Iraqi prime minister in Ankara.", ("IRQ", "GOV"), "TUR"),
])
def test_source_and_target_are_coded(top, text, source, target):
    ev = top(text)
    assert (ev.source.country, ev.source.sector) == source
    assert ev.target is not None and ev.target.country == target


def test_uncoded_domestic_actor_takes_the_country_named_nearby(top):
    ev = top("President Omar El Bashir lifted the curfew imposed in Sudan.")
    assert ev.source.country == "SDN"


def test_first_person_inside_a_quote_is_the_speaker(settings, make_article):
    text = ('"We will strike the rebels hard," the Ukrainian defence minister said.')
    art = EventStage(settings)(make_article(text, published="2020-05-10"))
    threat = [e for e in art.events if e.type == "THREATEN"]
    assert threat and threat[0].status == "threatened"


@pytest.mark.parametrize(("text", "source"), [
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "SRB"),
    ("Palestinian riots against Israeli policies continued.", "PSE"),
    ("Vietnamese-led forces retook the village.", "VNM"),
    ("Bosnian Serb forces shelled the town.", "BIH"),
])
def test_source_coding_rules(top, text, source):
    assert top(text).source.country == source


@pytest.mark.parametrize(("text", "side"), [
    ("Only 13 percent approved the plan, the survey found.", "source"),
    ("The survey prepared before the meeting was released on Monday.", "source"),
    ("Her top priority is to attack the proposal.", "source"),
])
def test_generic_nouns_and_numbers_are_never_actors(settings, make_article, text, side):
    """A phrase that names no entity and no coded actor is not an actor: null, not a guess."""
    art = EventStage(settings)(make_article(text, published="2020-05-10"))
    for ev in art.events:
        actor = getattr(ev, side)
        assert actor is None or actor.id or actor.country or actor.sector, (ev, actor)


def test_unnamed_target_is_null_not_a_guessed_country(top):
    ev = top("Finland will give Tanzania a grant to finance several projects in the country.")
    assert ev.source is not None and ev.source.country == "FIN"
    assert ev.target is None or ev.target.text != "several projects in the country"


def test_actor_text_is_the_articles_fullest_name(settings, make_article):
    """"Jobs" after "Steve Jobs" is the same actor, written "Steve Jobs"."""
    text = ("Steve Jobs founded Apple in 1976. On Monday Jobs announced that Apple would "
            "release a new phone, and Jobs criticized Microsoft.")
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    names = {ev.source.text for ev in art.events if ev.source is not None and ev.source.id}
    assert "Jobs" not in names and "Steve Jobs" in names


@pytest.mark.parametrize(("text", "source"), [
    ("The head of the Republican National Committee accused the governor of lying.", "head"),
    ("The Republican nominee met the president of Mexico on Wednesday.", "nominee"),
])
def test_a_phrase_whose_modifier_names_an_entity_is_an_actor(settings, make_article, text,
                                                             source):
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    ev = max((e for e in art.events if e.type != "OTHER"), key=lambda e: e.confidence)
    assert ev.source is not None and source in ev.source.text


@pytest.mark.parametrize(("text", "source"), [
    ("Sixty-two percent of Republicans criticized the president's decision.", "Republicans"),
    ("Two of the Russian officers attacked the checkpoint on Monday.", "Russian officers"),
])
def test_a_share_of_a_group_is_coded_as_the_group(settings, make_article, text, source):
    """"62 percent of Republicans": the actor is the group, never the number."""
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    ev = max((e for e in art.events if e.type != "OTHER"), key=lambda e: e.confidence)
    assert ev.source is not None and ev.source.text == source


def test_a_currency_sign_codes_no_country(settings, make_article):
    """"US$14 billion" is an amount: neither an actor nor a mention of the United States."""
    text = "The Senate rejected a US$14 billion aid package for the carmakers on Thursday."
    art = EventStage(settings)(make_article(text, published="2020-05-10"))
    for ev in art.events:
        for actor in (ev.source, ev.target):
            assert actor is None or "billion" not in actor.text or actor.country is None, ev


@pytest.mark.parametrize(("text", "sector"), [
    ("General Motors accused the union of breaking the agreement.", None),
    ("General David Petraeus accused the militia of breaking the agreement.", "MIL"),
    ("The Chicago Police Department accused the gang of breaking the agreement.", "COP"),
])
def test_a_title_inside_a_name_is_no_rank(settings, make_article, text, sector):
    """"General Motors" is a carmaker, not a general; a service named in a name still counts."""
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    ev = next(e for e in art.events if e.type == "ACCUSE")
    assert ev.source is not None and ev.source.sector == sector


@pytest.mark.parametrize(("text", "side"), [
    ("The European Union welcomed Apple's announcement on Monday.", "target"),
    ("Ford's sales rose sharply, the carmaker said.", "source"),
    ("Lawmakers criticized GM's restructuring on Tuesday.", "target"),
])
def test_an_act_owned_by_an_actor_is_not_an_actor(settings, make_article, text, side):
    """"Apple's announcement" names an act of Apple's, not someone who acts."""
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    for ev in art.events:
        actor = getattr(ev, side)
        assert actor is None or actor.text.split()[-1] not in {
            "announcement", "sales", "restructuring"}, (ev.trigger, actor)


def test_a_partner_hung_on_the_place_is_the_target(settings, make_article):
    """"met at the base with Assad": the small parser attaches "with Assad" to the base; the
    partner, not the place, is the one met."""
    from dateline.stages.entities import EntityStage

    text = "Putin met at the Hmeimim air base with Syrian President Bashar al-Assad on Monday."
    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    met = next(e for e in art.events if e.type == "CONSULT")
    assert met.target is not None and "Assad" in met.target.text


@pytest.mark.parametrize(("text", "etype", "source"), [
    ("Ahmed Maher was arrested on Monday after protesting outside the ministry in Cairo.",
     "PROTEST", "Ahmed Maher"),
    ("Senator Lopez was photographed on Friday while meeting the Turkish foreign minister.",
     "CONSULT", "Lopez"),
    ("Opposition leader Ahmed Maher was detained on Monday after criticizing the president.",
     "ACCUSE", "Ahmed Maher"),
])
def test_a_passive_clauses_subject_does_its_adjuncts_act(analysed, text, etype, source):
    """Subject control: an adverbial clause with no subject of its own ("after protesting")
    is done by its clause's surface subject, even when that clause is passive."""
    ev = next(e for e in analysed(text).events if e.type == etype)
    assert ev.source is not None and source in ev.source.text


@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    # a passive act: its subject is the one acted on, never the actor
    ("Mayor Alvarez was shot outside his office in Tijuana on Friday.", "ASSAULT", None,
     "Alvarez"),
    # a nominal act: its from/by-object is the actor; a between-phrase names both parties
    ("The budget drew sharp criticism from Senate Republicans on Tuesday.", "ACCUSE",
     "Republicans", None),
    ("A meeting between Macron and Scholz ended without a deal.", "CONSULT", "Macron",
     "Scholz"),
    # a place after a place preposition is where the act happened, not its target
    ("Rebel fighters launched new attacks in Aleppo on Sunday.", "ASSAULT", "fighters", None),
    # the one accused of an act did it; a relative clause's passive subject did nothing, it
    # was acted on
    ("Colonel Ruiz was charged with shooting two protesters in March.", "ASSAULT", "Ruiz",
     "protesters"),
    ("Maria Gomez, who was arrested on Monday, spoke to reporters.", "COERCE", None,
     "Maria Gomez"),
    # a city before a nominal act is where it happened ("Palestinian riots" is who)
    ("The Paris attacks shocked the country last year.", "ASSAULT", None, None),
    # a named organisation before a nominal act did it; a role noun is an actor
    ("The FBI investigation into the senator ended in May.", "ACCUSE", "FBI", "senator"),
    # a relative pronoun target is the noun its clause modifies
    ("Police said Kristian, who was also arrested, is a gang member.", "COERCE", None,
     "Kristian"),
    # the target of an act on someone's act is its author
    ("The prosecutor denied a Nichols offer to plead guilty.", "REJECT", "prosecutor",
     "Nichols"),
    # a passive participle's noun and a passive infinitive's controller are acted on
    ("A suspected Mafia boss arrested on Monday was found dead in his cell.", "COERCE", None,
     None),
    ("I believe the president has done a great job and deserves to be supported.", "SUPPORT",
     None, None),
    # a participle governor's head did not do the nominal act
    ("Police found the rifle used in the attack on Sunday.", "ASSAULT", None, None),
    # a passive act with a to-phrase is done to its subject (a disposition participle, "is
    # committed to", keeps it as source)
    ("Brian Nichols was sentenced on Saturday to seven life sentences.", "COERCE", None,
     "Nichols"),
    ("Vietnam is committed to opening its markets to Japan.", "AGREE", "Vietnam", None),
    # a participle hung on "be" as its complement is a passive too
    ("Hours later, Deputy Ortiz was slain.", "ASSAULT", None, "Ortiz"),
    # the accused did the act they are charged over
    ("Epaminondas Korkoneas has been charged over the killing of Alexis Grigoropoulos.",
     "ASSAULT", "Korkoneas", "Grigoropoulos"),
    # the subject of a receiving verb is the act's target; a from-phrase its source
    ("Senator Warren faced sharp criticism on Monday.", "ACCUSE", None, "Warren"),
    ("Ted Cruz picked up an endorsement from Rick Perry on Monday.", "SUPPORT", "Perry",
     "Cruz"),
    # the one found guilty in a nominal act did it
    ("A jury found Andrew Lopez guilty in the murder of Zurana Horton.", "ASSAULT", "Lopez",
     "Horton"),
    # a possessive pronoun on a nominal act is bound to the clause's subject
    ("Governor Husted voiced his disapproval of the ruling on Friday.", "ACCUSE", "Husted",
     None),
])
def test_passives_nominal_acts_and_places(analysed, text, etype, source, target):
    art = analysed(text)
    ev = next(e for e in art.events if e.type == etype)
    got = [ev.source.text if ev.source else None, ev.target.text if ev.target else None]
    for want, have in ((source, got[0]), (target, got[1])):
        assert (have is None) if want is None else (have is not None and want in have), got


@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    # an addressed act's passive subject is the one addressed, not the actor
    ("Senator Okafor was urged to withdraw her nomination.", "REQUEST", None, "Okafor"),
    # a passive complement with no subject of its own: its governor's subject is acted on
    ("Governor Blake is to be formally sentenced on Friday.", "COERCE", None, "Blake"),
    # the accused of a charge did the act the charge is for
    ("Tom Ellis, 52, has also been charged with the illegal use of his rifle over the killing"
     " of a shopkeeper.", "ASSAULT", "Ellis", None),
])
def test_addressees_raised_patients_and_charges(analysed, text, etype, source,
                                                 target):
    """Grammar read from team-train actor errors: who is acted on and who did the charged
    act."""
    test_passives_nominal_acts_and_places(analysed, text, etype, source, target)


def test_the_accused_of_a_charge_did_the_act_it_is_for(analysed):
    """"charged with attempted murder for allegedly shooting": the one charged shot."""
    art = analysed("Dana Reyes is also charged with attempted murder for allegedly shooting and"
                   " injuring a neighbour.")
    shooting = next(e for e in art.events if e.trigger == "shooting")
    assert shooting.type == "ASSAULT" and shooting.source is not None
    assert "Reyes" in shooting.source.text


@pytest.mark.parametrize(("text", "etype", "source", "target"), [
    # role nouns of the PLOVER manual's sector table are actors (annotation guide)
    ("The pontiff met Sanders at the Vatican guest house.", "CONSULT", "pontiff", "Sanders"),
    ("The gang member shot Jerry Ortiz outside a building in 2005.", "ASSAULT", "gang member",
     "Jerry Ortiz"),
    ("The jury convicted him of murder last month.", "SANCTION", "jury", None),
])
def test_sector_role_nouns_are_actors(analysed, text, etype, source, target):
    art = analysed(text)
    ev = next(e for e in art.events if e.type == etype)
    assert ev.source is not None and source in ev.source.text
    assert (ev.target is None) if target is None else (target in ev.target.text)


@pytest.mark.parametrize(("text", "trigger", "role", "expected"), [
    # the nearest name is a guess for "you", "it", "them": null (the seed's Putin telling
    # Assad "we will contact you" once gave Turkey)
    ("Turkey held talks on Monday. \"We will contact you soon,\" the minister told Assad.",
     "contact", "target", None),
    ("Kenya signed the deal in Nairobi. In March it attacked the rebels.", "attacked",
     "source", None),
    ("The report was published in Paris on Monday. It accused the rebels of abuses.",
     "accused", "source", None),
    # he/she still take the nearest preceding person
    ("Senator John Smith spoke on Monday. He criticized the governor's plan.", "criticized",
     "source", "John Smith"),
])
def test_only_he_and_she_fall_back_to_the_nearest_name(settings, make_article, text, trigger,
                                                       role, expected):
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    ev = next(e for e in art.events if e.trigger == trigger)
    actor = getattr(ev, role)
    assert (actor.text if actor is not None else None) == expected


@pytest.mark.parametrize(("text", "head", "kept", "cut"), [
    ("ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday.", "ORLANDO",
     "ORLANDO", "Obama"),
    ('Partial transcript as follows:\n\n"RAMOS:  Secretary Clinton, you sent an e-mail.',
     "RAMOS", "RAMOS", "Clinton"),
    ("Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting was "
     "revealed Thursday.", "Video", "Horton", None),
])
def test_an_actor_phrase_stops_at_line_breaks_and_spaced_separators(make_article, text, head,
                                                                     kept, cut):
    from dateline.events.actors import phrase_tokens

    doc = make_article(text).doc
    words = [t.text for t in phrase_tokens(next(t for t in doc if t.text == head))]
    assert kept in words and (cut is None or cut not in words), words


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("MACAU (Reuters) \u2013 Top Republican Party donor Sheldon Adelson said on Friday he met "
     "presidential candidate Donald Trump earlier this week.", "met", "Sheldon Adelson"),
    ("ORLANDO, Fla. (Reuters) - President Barack Obama criticized the gunman on Thursday.",
     "criticized", "Barack Obama"),
])
def test_a_wire_dateline_is_never_the_actor(settings, make_article, text, trigger, source):
    from dateline.stages.entities import EntityStage

    art = EventStage(settings)(EntityStage(settings)(make_article(text, "2020-05-10")))
    ev = next(e for e in art.events if e.trigger == trigger)
    assert ev.source is not None and ev.source.text == source


@pytest.mark.parametrize(("text", "etype", "target"), [
    # private persons are civilians (PLOVER's CVL sector): victims are targets
    ("Gunmen killed three women at a market on Sunday.", "ASSAULT", "three women"),
    ("Police arrested a teenager outside the embassy.", "COERCE", "teenager"),
    ("The two women and a man were killed during the demonstrations.", "ASSAULT",
     "two women and a man"),
])
def test_private_persons_are_civilian_targets(analysed, text, etype, target):
    art = analysed(text)
    ev = next(e for e in art.events if e.type == etype)
    assert ev.target is not None and target in ev.target.text and ev.target.sector == "CVL"


def test_a_private_persons_noun_codes_only_as_the_head(analysed):
    # "family" modifies "foundation": no civilian, and no actor rather than a guess
    art = analysed("Police raided a family foundation in the capital.")
    ev = next(e for e in art.events if e.type not in ("OTHER",))
    assert ev.target is None or ev.target.sector != "CVL", ev.target


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    # a headline's bare participle is a passive: the teen was arrested, by no one named
    ("Teen Arrested in Shooting of Brooklyn Mom", "Arrested", None, "Teen"),
    # in running text the same parse is a mistagged past tense: the subject acts
    ("Senator Smith Criticized the Governor over the budget.", "Criticized", "Smith", None),
])
def test_a_headline_participle_is_a_passive(settings, make_article, text, trigger, source,
                                             target):
    art = EventStage(settings)(make_article(text, published="2020-05-10"))
    ev = next(e for e in art.events if e.trigger == trigger)
    got = (ev.source.text if ev.source else None, ev.target.text if ev.target else None)
    assert (got[0] is None) if source is None else (got[0] is not None and source in got[0]), got
    if target is not None:
        assert got[1] is not None and target in got[1], got


@pytest.mark.parametrize(("text", "trigger", "source"), [
    # a name before a bare curly apostrophe owns the act, as "'s" does
    ("Rep. Chris Collins endorsed Trump. Collins’ endorsement may signal an opening of the "
     "floodgates for Trump.", "endorsement", "Collins"),
    # rebutting an accusation does not unmake who made it
    ("The university rebutted Exxon's accusation that the articles were misleading.",
     "accusation", "Exxon"),
])
def test_the_possessor_of_a_nominal_act_is_its_source(analysed, text, trigger, source):
    art = analysed(text)
    ev = next(e for e in art.events if e.trigger == trigger)
    assert ev.source is not None and source in ev.source.text, ev.source


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    # whom a culpability adjective holds to account did the act in its of/for-phrase
    ("Andrew Lopez was found guilty of second-degree murder in the death of Zurana Horton.",
     "murder", "Lopez", None),
    ("Officials said Hamas was responsible for the attack on the convoy.", "attack", "Hamas",
     None),
    # ... and the actor phrase stops before that adjective phrase
    ("The militants responsible for the bombing of the embassy fled to Syria.", "bombing",
     "militants", None),
    # coordinated verbs share the arguments only one of them has
    ("Staunton police have arrested and charged Sharron Smith with two counts of murder.",
     "arrested", "police", "Sharron Smith"),
    ("Zurana Horton was a mother. Horton was shot and killed in October 2011.", "killed", None,
     "Horton"),
    # ... but not the object of a verb further on ("meeting with X and painting a portrait")
    ("Trump is meeting with donors and painting a troubling portrait of Clinton.", "meeting",
     "Trump", None),
])
def test_culprits_and_shared_arguments(analysed, text, trigger, source, target):
    art = analysed(text)
    ev = next(e for e in art.events if e.trigger == trigger)
    got = (ev.source.text if ev.source else None, ev.target.text if ev.target else None)
    if source is not None:
        assert got[0] is not None and source in got[0] and "bombing" not in got[0], got
    if target is not None:
        assert got[1] is not None and target in got[1], got
    assert "portrait" not in (got[1] or ""), got

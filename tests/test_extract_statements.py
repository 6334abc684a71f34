"""Quote, paraphrase and speaker rules of the extractor: unit tests on short invented articles."""

from app.ingest.extract import extract


def said(text: str) -> list[tuple[str, str | None, str]]:
    """(kind, speaker key, words) of every statement proposed for `text`."""
    return [(str(s.kind), s.speaker, s.text) for s in extract(text).statements]


def speaker_of(text: str, words: str) -> str | None:
    found = [sp for _, sp, w in said(text) if words in w]
    assert found, f"no statement holds {words!r}"
    return found[0]


# -- speakers referred to by office -----------------------------------------------------------
def test_the_minister_is_the_minister_named_earlier() -> None:
    text = (
        "Interior Minister Jane Roe said two people died in the clashes.\n\n"
        'The minister also said the police had cleared the roads "without a single incident".\n'
    )
    assert speaker_of(text, "without a single incident") == "jane-roe"
    assert speaker_of(text, "cleared the roads") == "jane-roe"


def test_the_minister_stays_unknown_when_two_ministers_are_named() -> None:
    text = (
        "Interior Minister Jane Roe and Finance Minister John Doe met on Monday.\n\n"
        'The minister said the talks were "very difficult indeed".\n'
    )
    assert all(sp is None for _, sp, w in said(text) if "difficult" in w)


def test_a_described_role_must_fit_every_word() -> None:
    text = (
        "Tom Vale, the district police chief, said the road was closed.\n\n"
        'The district police chief said: "We will reopen it on Friday."\n'
        'The regional police chief said: "We will not reopen it soon."\n'
    )
    assert speaker_of(text, "We will reopen it on Friday") == "tom-vale"
    assert all(sp != "tom-vale" for _, sp, w in said(text) if "not reopen" in w)


# -- pronouns that keep the speaker of the paragraph ---------------------------------------------
def test_it_after_the_statement_keeps_the_organisation() -> None:
    text = (
        "The Northern Herders Union (NHU) said in a statement that its members were attacked.\n\n"
        '"We will defend our land and our cattle," the statement said. It said two herders had been '
        "wounded and that the police had been told.\n"
    )
    assert speaker_of(text, "two herders had been wounded") == "northern-herders-union"


def test_second_he_in_a_paragraph_is_the_first_one() -> None:
    text = (
        "Jane Roe, the district administrator, said the bridge had collapsed.\n\n"
        "He said the river rose overnight. The lorries had been sent to the northern valley, he said.\n"
    )
    assert speaker_of(text, "The lorries had been sent") == "jane-roe"


# -- paraphrase shapes -----------------------------------------------------------------------------
def test_trailing_attribution_followed_by_while_clause() -> None:
    text = (
        "Jane Roe, the district administrator, spoke on Monday.\n\n"
        "Floods destroyed 40 houses in the lower valley, Jane Roe said, while a local official said the "
        "toll was higher.\n"
    )
    assert speaker_of(text, "Floods destroyed 40 houses in the lower valley") == "jane-roe"
    assert not [w for _, _, w in said(text) if "while a local official" in w]


def test_time_phrase_before_that_is_not_the_claim() -> None:
    text = (
        "The Valley Farmers Union (VFU) said in a statement late on Friday that it would block the roads.\n"
    )
    assert [w for _, _, w in said(text) if w.startswith("it would block the roads")]


def test_and_inside_an_organisations_name_is_one_speaker() -> None:
    text = (
        "Attacks killed 90 people in the valley last year, according to the Northern Institute for "
        "Peace and Security Studies.\n"
    )
    assert speaker_of(text, "Attacks killed 90 people") == "northern-institute-for-peace-and-security-studies"


def test_and_between_two_speakers_stays_unresolved() -> None:
    text = "The roads were closed for the day, Jane Roe and John Doe said.\n"
    assert all(sp is None for _, sp, w in said(text) if "roads were closed" in w)


def test_subject_with_short_form_speaks_a_partial_quote() -> None:
    text = (
        "The Valley Liberation Front, or VLF, claimed the attack in a statement, saying it had hit "
        '"the occupying troops" and killed 11 soldiers.\n'
    )
    assert speaker_of(text, "the occupying troops") == "valley-liberation-front"


def test_single_name_with_an_age_in_apposition_is_a_speaker() -> None:
    text = (
        "Ahmed, a 34-year-old shopkeeper who gave only his first name, said the market burned for hours.\n\n"
        '"We lost everything we had in one night," he said.\n'
    )
    assert speaker_of(text, "the market burned for hours") == "ahmed"
    assert speaker_of(text, "We lost everything") == "ahmed"


# -- quotations inside a paraphrase -------------------------------------------------------------
def quotes(text: str) -> list[tuple[str | None, str]]:
    return [(s.speaker, s.text) for s in extract(text).statements if s.kind.value == "direct_quote"]


def test_a_quotation_inside_a_paraphrase_is_the_paraphrased_speaker_s() -> None:
    text = (
        "The army's media wing, Inter-Services Public Relations, said in a statement that four soldiers "
        "were “martyred” and that troops had “sealed off the whole area”.\n"
    )
    found = quotes(text)
    assert ("inter-services-public-relations", "martyred") in found
    assert ("inter-services-public-relations", "sealed off the whole area") in found


def test_one_quoted_word_alone_is_no_statement() -> None:
    # The writer's scare quotes, with nobody's paraphrase around them.
    text = (
        'The so-called "ceasefire" collapsed within hours.\n\nJane Roe, a resident, said she heard gunfire.\n'
    )
    assert quotes(text) == []


# -- quotations that run on into the next paragraph ------------------------------------------------
def test_a_quote_left_open_continues_in_the_next_paragraph() -> None:
    text = (
        "A grenade was thrown at the embassy on Monday.\n\n"
        "In a statement, the ministry's spokesperson, Jane Roe, said: \u201cWe condemn this attack on our "
        "staff. We will protect our missions.\n\n"
        "\u201cWe believe a criminal gang organised the attack on the building.\u201d\n"
    )
    assert speaker_of(text, "We condemn this attack on our staff") == "jane-roe"
    assert speaker_of(text, "We believe a criminal gang") == "jane-roe"


def test_a_quote_left_open_before_plain_prose_is_no_quote() -> None:
    text = (
        "A grenade was thrown at the embassy on Monday.\n\n"
        "Jane Roe said: \u201cWe condemn this attack on our staff and our missions.\n\n"
        "The police arrested a man later that day.\n"
    )
    assert not [w for k, _, w in said(text) if k == "direct_quote"]


def test_a_name_with_accents_is_a_speaker() -> None:
    text = "A bomb exploded on Monday.\n\n\u201cWe strongly condemn this attack on our embassy,\u201d \u00d6nc\u00fc Ke\u00e7eli said.\n"
    assert speaker_of(text, "We strongly condemn") == "oncu-keceli"


def test_a_curly_possessive_is_part_of_the_ministry_name() -> None:
    text = "A bomb exploded on Monday.\n\nTurkey\u2019s foreign ministry said the attack was heinous and cowardly.\n"
    names = {a.name for a in extract(text).actors}
    assert "Turkey\u2019s foreign ministry" in names


# -- courtesy titles and offices -----------------------------------------------------------------
def test_said_mr_surname_is_the_person_named_in_full() -> None:
    text = (
        "A camp was attacked on Monday.\n\n"
        "The Relief Coordinator for the region, Tom Vale, condemned the attack.\n\n"
        "\u201cThis violence against displaced people is senseless,\u201d said Mr. Vale.\n"
    )
    assert speaker_of(text, "This violence against displaced people") == "tom-vale"


def test_he_after_an_office_is_the_person_holding_it() -> None:
    text = (
        "A camp was attacked on Monday.\n\n"
        "The Relief Coordinator for the region, Tom Vale, condemned the attack.\n\n"
        "A lorry was ambushed too. The Relief Coordinator also voiced concern about the roads. "
        "\u201cAid workers are not a target,\u201d he said.\n"
    )
    assert speaker_of(text, "Aid workers are not a target") == "tom-vale"


def test_he_after_an_office_held_by_two_people_stays_unknown() -> None:
    text = (
        "A camp was attacked on Monday.\n\n"
        "The Relief Coordinator for the north, Tom Vale, and the Relief Coordinator for the south, "
        "Ann Roe, met.\n\n"
        "A lorry was ambushed too. The Relief Coordinator also voiced concern about the roads. "
        "\u201cAid workers are not a target,\u201d he said.\n"
    )
    assert all(sp is None for _, sp, w in said(text) if "Aid workers" in w)


# -- reported speech that names no speaker ---------------------------------------------------------
def test_a_possessive_inside_the_reported_words_is_no_speaker() -> None:
    text = (
        "A house was hit on Monday.\n\n"
        "Tom Vale, 52, who lives nearby, said the blast threw him out of his bed.\n"
    )
    assert speaker_of(text, "the blast threw him out of his bed") == "tom-vale"


def test_a_standfirst_with_a_full_stop_before_the_date_line_is_no_statement() -> None:
    text = (
        "Strike on camp kills 14\n\n"
        "Health ministry says six children among the dead after a house was flattened.\n\n"
        "Published On 19 Nov 2024\n\n"
        "An air strike on a house in Sidon killed 14 people, the ministry said.\n"
    )
    assert not any("six children" in words for _, _, words in said(text))


# -- descriptors, statements, inscriptions ------------------------------------------------------
def test_a_based_group_is_the_organisation_named_before() -> None:
    text = (
        "Press Freedom Watch (PFW) condemned the attack. "
        '"Boats are not targets and this must be investigated," the Lisbon-based group said.\n'
    )
    assert speaker_of(text, "Boats are not targets") == "press-freedom-watch"


def test_a_based_group_names_no_new_actor() -> None:
    text = 'Rain fell all day. "This must be investigated at once," the Lisbon-based group said.\n'
    assert all(sp is None for _, sp, w in said(text) if "investigated" in w)


def test_the_statement_is_the_channel_that_issued_it() -> None:
    text = (
        "Northern channel VTK said in a statement that a cameraman was killed near the river.\n\n"
        '"He went where others would not go," the statement said.\n'
    )
    assert speaker_of(text, "where others would not go") == "vtk"


def test_a_marked_word_is_no_quotation() -> None:
    text = (
        'The company said in a statement that the van, which was marked "PRESS", was hit twice '
        "near the bridge on Friday.\n"
    )
    assert not [w for kind, _, w in said(text) if kind == "direct_quote"]


def test_a_spokesman_with_an_undotted_rank_is_named() -> None:
    text = (
        "Army spokesman Brig Gen Tom Vale accused the rebels of targeting civilians. "
        '"This militia is shelling hospitals," the spokesman said.\n'
    )
    assert speaker_of(text, "shelling hospitals") == "tom-vale"


def test_a_subject_before_a_relative_clause_speaks() -> None:
    text = (
        "The Coastal Fisheries and Harbours Relief Agency for Northern Islands (CFHRA), which runs "
        'clinics in the port, said it was "deeply alarmed" by the strike. '
        "The agency said two of its clinics had been sheltering about 300 displaced people.\n"
    )
    assert (speaker_of(text, "deeply alarmed") or "").startswith("coastal-fisheries-and-harbours")
    assert speaker_of(text, "two of its clinics") == speaker_of(text, "deeply alarmed")


def test_a_relative_clause_alone_names_no_speaker() -> None:
    text = 'Rain fell. Those who stayed, which was most, said it was "deeply alarming" to them.\n'
    assert all(sp is None for _, sp, w in said(text) if "deeply alarming" in w)


def test_the_ig_is_the_inspector_general_named_before() -> None:
    text = (
        "Inspector General of Police (Hill range) Ravindran K told reporters that the camp was found.\n\n"
        '"Search operations are still under way in the hills," the IG said.\n'
    )
    assert speaker_of(text, "Search operations") == "ravindran-k"


def test_a_short_form_that_names_an_actor_is_no_office() -> None:
    text = (
        "United Nations envoy Jane Roe said the talks would resume.\n\n"
        '"The talks are over for this year," the UN said.\n'
    )
    assert speaker_of(text, "talks are over") == "united-nations"


def test_the_group_is_not_the_one_named_after_a_preposition() -> None:
    text = (
        "Al Shabaab, which is allied with al Qaeda, said in a statement that its fighters had carried out "
        'the attack. The group said it had targeted "officials and spies of the government" at the hotel.\n'
    )
    assert speaker_of(text, "officials and spies") == "al-shabaab"


def test_a_province_of_the_islamic_state_is_the_province() -> None:
    text = (
        "The Islamic State Sahel Province (IS Sahel) claimed the attack through Amaq, saying its fighters "
        'had killed "more than 40 soldiers".\n'
    )
    assert speaker_of(text, "more than 40 soldiers") == "islamic-state-sahel-province"


def test_the_statement_is_the_one_the_previous_paragraph_said_whose_it_was() -> None:
    text = (
        "Gunmen stormed the post on Tuesday, according to an interior ministry statement read out "
        "on state radio.\n\n"
        '"The attackers were repelled with heavy losses," the statement said.\n'
    )
    assert speaker_of(text, "The attackers were repelled") == "interior-ministry"


def test_the_statement_of_no_one_named_stays_unknown() -> None:
    text = (
        "Gunmen stormed the post on Tuesday, according to a joint statement.\n\n"
        '"The attackers were repelled with heavy losses," the statement said.\n'
    )
    assert all(sp is None for _, sp, w in said(text) if "repelled" in w)


def test_a_person_with_a_long_office_and_post_in_apposition_speaks() -> None:
    text = (
        "Stones were thrown at the rally in Millbrook on Saturday.\n\n"
        '"The crowd was dispersed within an hour and nobody was hurt," Deputy Superintendent of Police '
        "(DSP) Jane Roe, spokesperson at the District Police Office, Millbrook, said on Saturday.\n"
    )
    assert speaker_of(text, "The crowd was dispersed") == "jane-roe"


def test_a_long_phrase_naming_two_people_names_no_speaker() -> None:
    text = (
        "Stones were thrown at the rally in Millbrook on Saturday.\n\n"
        '"The crowd was dispersed within an hour and nobody was hurt," Superintendent Jane Roe, '
        "deputy to Inspector General John Doe at the District Police Office, Millbrook, said.\n"
    )
    assert all(sp is None for _, sp, w in said(text) if "crowd was dispersed" in w)


def test_a_survivor_who_gave_only_a_first_name_speaks() -> None:
    text = (
        "Gunmen attacked a bar in Millbrook on Saturday.\n\n"
        "A 30-year-old survivor who gave only his first name, Tomas, for fear of reprisals, said he had "
        'gone there with friends. "They just came in shooting," he said.\n'
    )
    assert speaker_of(text, "They just came in shooting") == "tomas"
    assert ("paraphrase", "tomas", "he had gone there with friends") in said(text)


def test_the_office_that_wrote_on_x_keeps_speaking_after_the_full_stop() -> None:
    text = (
        "Gunmen attacked a bar in Millbrook on Saturday.\n\n"
        "The Millbrook county prosecutor’s office said six people died.\n\n"
        '"Investigators are processing the scene to identify those responsible," the office wrote on X. '
        "It said more than 40 shell casings had been found at the scene.\n"
    )
    assert speaker_of(text, "Investigators are processing") == "millbrook-county-prosecutor-s-office"
    assert speaker_of(text, "more than 40 shell casings") == "millbrook-county-prosecutor-s-office"


def test_a_police_officer_is_no_speaker_for_the_police() -> None:
    text = (
        "Gunmen stormed a restaurant in Millbrook on Friday, killing at least six people, a police "
        "officer said.\n\n"
        "Police closed the road to the beach.\n"
    )
    assert all(sp != "police" for _, sp, _ in said(text))


def test_a_country_s_military_speaks_for_itself_and_a_coalition_against_a_group_is_not_the_group() -> None:
    text = (
        "Pakistan's military said its forces had responded to \u201cunprovoked fire\u201d from across the border.\n\n"
        "The U.S.-led coalition against Islamic State, which has around 900 troops in Syria, said it remained "
        '"committed to the enduring defeat" of the militant group.\n'
    )
    found = said(text)
    assert any(sp == "pakistan-s-military" and w == "unprovoked fire" for _, sp, w in found)
    assert all(sp != "islamic-state" for _, sp, w in found if "enduring defeat" in w)


def test_a_speaker_after_the_quote_with_a_relative_clause_speaks() -> None:
    text = (
        "Gunmen attacked the village of Oka on Monday, killing nine people.\n\n"
        '"They came at night and burned the houses," John Kato Mase, who heads a local youth group, '
        "told reporters by phone.\n"
    )
    assert speaker_of(text, "burned the houses") == "john-kato-mase"


# -- reported words beside another predicate ---------------------------------------------------
def test_the_subject_of_a_first_predicate_says_what_follows_and_said() -> None:
    text = (
        "Gunmen attacked a police post in Oka on Monday, killing two officers.\n\n"
        "Governor Jane Roe visited the wounded in hospital and said the town was safe again.\n"
    )
    assert ("paraphrase", "jane-roe", "the town was safe again") in said(text)


def test_a_condemnation_and_said_stays_one_condemnation() -> None:
    text = (
        "Gunmen attacked a police post in Oka on Monday, killing two officers.\n\n"
        "Governor Jane Roe condemned the attack and said the town was safe again.\n"
    )
    assert [w for _, sp, w in said(text) if sp == "jane-roe"] == [
        "Governor Jane Roe condemned the attack and said the town was safe again"
    ]


def test_the_words_after_adding_that_are_the_quoted_speaker_s() -> None:
    text = (
        "Gunmen attacked a police post in Oka on Monday, killing two officers.\n\n"
        '"We will find those who did this," Governor Jane Roe said, adding that more patrols had been ordered.\n'
    )
    assert ("paraphrase", "jane-roe", "more patrols had been ordered") in said(text)


def test_a_clause_about_the_place_after_the_speaker_is_not_the_claim() -> None:
    text = (
        "A grenade exploded outside an embassy in Oslo on Monday.\n\n"
        "No one was hurt, a police spokesperson, Anna Berg, told reporters at the scene in the Vika "
        "district, where many embassies are located.\n"
    )
    assert ("paraphrase", "anna-berg", "No one was hurt") in said(text)


def test_the_spokesperson_is_the_one_named_last_in_apposition() -> None:
    text = (
        "A grenade exploded outside an embassy in Oslo on Monday, police spokesperson Anna Berg said.\n\n"
        "In a statement, the foreign ministry's spokesperson, Tom Vale, said: "
        '"We condemn this attack on our embassy in the strongest terms."\n\n'
        "The spokesperson said the embassy would remain open.\n"
    )
    assert speaker_of(text, "would remain open") == "tom-vale"


def test_the_police_chief_is_the_police_s_senior_officer_never_the_force() -> None:
    text = (
        "Inspector General of Police Nasir Khan told Reuters the station held.\n\n"
        "\u201cWe lost six brave men,\u201d the police chief said.\n"
    )
    assert speaker_of(text, "We lost six brave men") == "nasir-khan"
    alone = 'Police cordoned off the area.\n\n"We lost six brave men," the police chief said.\n'
    assert all(sp != "police" for _, sp, w in said(alone) if "six brave men" in w)


def test_the_official_is_the_titled_person_who_spoke_just_before() -> None:
    text = (
        "Two people were killed overnight, Jane Roe, head of the regional administration, said.\n\n"
        '"The enemy struck the city again. Windows were blown out," the official wrote.\n'
    )
    assert speaker_of(text, "Windows were blown out") == "jane-roe"


def test_the_official_stays_unknown_after_another_person_is_named() -> None:
    text = (
        "Two people were killed overnight, Jane Roe, head of the regional administration, said.\n\n"
        "Tom Vale, a local resident, saw the fire from his window. "
        '"The enemy struck the city again," the official wrote.\n'
    )
    assert all(sp is None for _, sp, w in said(text) if "struck the city" in w)


def test_the_company_is_the_company_named_just_before() -> None:
    text = (
        "A missile hit a power plant in the city on Tuesday.\n\n"
        "Private energy company Voltra said power had been cut to two districts. "
        '"Our engineers are working to restore electricity," the company said.\n'
    )
    assert speaker_of(text, "Our engineers are working") == "voltra"
    assert speaker_of(text, "power had been cut") == "voltra"
    far = (
        "Private energy company Voltra said power had been cut to two districts.\n\n"
        "A missile hit a power plant in the city on Tuesday.\n\n"
        "Rescuers searched the rubble.\n\n"
        '"Our engineers are working to restore electricity," the company said.\n'
    )
    assert all(sp is None for _, sp, w in said(far) if "Our engineers" in w)


def test_a_subject_described_in_apposition_owns_a_quote_woven_into_her_words() -> None:
    text = (
        "A drone hit the market on Friday.\n\n"
        "Jane Roe, a 45-year-old trader, told reporters by telephone that she heard "
        '"a whistling like a kettle in the sky" just before the blast.\n'
    )
    assert speaker_of(text, "a whistling like a kettle") == "jane-roe"
    assert ("paraphrase", "jane-roe") in {(k, sp) for k, sp, w in said(text) if "she heard" in w}


def test_gave_a_toll_saying_is_the_subject_s_claim_and_its_statement_is_quoted_after() -> None:
    text = (
        "A roadside bomb hit a truck near the town on Sunday.\n\n"
        "In a statement posted on its website, the Valley Front gave a lower toll, saying four of its "
        'members had been killed in what it called a "cowardly attack" by rebel cells.\n\n'
        '"The cells will not succeed in shaking the security of the region," the statement said.\n'
    )
    assert speaker_of(text, "four of its members had been killed") == "valley-front"
    assert speaker_of(text, "cowardly attack") == "valley-front"
    assert speaker_of(text, "The cells will not succeed") == "valley-front"


def test_a_coalition_named_by_what_it_fights_is_a_speaker() -> None:
    text = (
        "A roadside bomb hit a truck near the town on Sunday.\n\n"
        "The U.S.-led coalition against Islamic State, which has troops in the area, said in a post on X "
        'that it remained "committed to the enduring defeat" of the militants.\n'
    )
    sp = speaker_of(text, "committed to the enduring defeat")
    assert sp is not None
    assert "coalition" in sp


def test_they_is_the_body_that_spoke_last_and_an_unnamed_official_is_nobody() -> None:
    text = (
        "Police said on Sunday that two people had died. Two of the injured were in a serious condition, "
        "they said.\n\n"
        "An SDF official in the area, who asked not to be named, said the driver was among the dead.\n"
    )
    found = said(text)
    assert any(sp == "police" and "serious condition" in w for _, sp, w in found)
    assert not any("driver" in w and sp is not None for _, sp, w in found)


# -- a subject, an aside naming someone else, then the cue verb ----------------------------------
def test_the_subject_speaks_not_the_name_in_its_aside() -> None:
    text = (
        "Mara Venn, security adviser to President Tomas Holt, told reporters that the raid was "
        '"not serious" and that the rebels were "not sincere" about talks.\n\n'
        "Governor Ilse Brandt, in a statement signed by her press secretary, Olaf Kern, described the "
        'attack as "cowardly and wicked".\n\n'
        '"We will rebuild the market," Mara Venn, adviser to President Tomas Holt, said.\n'
    )
    found = quotes(text)
    assert ("mara-venn", "not serious") in found
    assert ("mara-venn", "not sincere") in found
    assert ("ilse-brandt", "cowardly and wicked") in found
    assert ("mara-venn", "We will rebuild the market") in found
    assert speaker_of(text, "the raid was") == "mara-venn"


def test_a_spokesperson_named_in_the_aside_still_speaks() -> None:
    text = (
        "The Northern Herders Union (NHU) met on Monday.\n\n"
        'The union\u2019s spokesperson, Jane Roe, said the attack was "a crime against herders".\n'
    )
    assert ("jane-roe", "a crime against herders") in quotes(text)


def test_a_known_name_at_the_start_of_a_longer_name_is_not_the_speaker() -> None:
    text = (
        "Shots were fired at a border post on Monday.\n\n"
        "The European Union Border Assistance Team, which patrols the crossing, said it was "
        '"deeply concerned" by the shooting.\n'
    )
    assert all(sp != "european-union" for _, sp, _ in said(text))


def test_a_paragraph_of_quotation_after_an_attributed_one_goes_on_with_its_speaker() -> None:
    text = (
        "Gunmen attacked the village of Tarma on Sunday night.\n\n"
        '"We heard the motorcycles at midnight," Jane Roe told reporters, her voice breaking.\n\n'
        '"They went from house to house. They took my brother and burned the granary."\n'
    )
    assert speaker_of(text, "They went from house to house") == "jane-roe"


def test_a_paragraph_of_quotation_after_a_person_s_paraphrase_is_hers_after_two_voices_nobody_s() -> None:
    prose = (
        "Gunmen attacked the village of Tarma on Sunday night.\n\n"
        "Jane Roe, a teacher at the village school, said the gunmen arrived at midnight on motorcycles "
        'from the forest and called the attack "a massacre of the poor".\n\n'
        '"They went from house to house. They took my brother and burned the granary."\n'
    )
    assert speaker_of(prose, "house to house") == "jane-roe"
    two = (
        "Gunmen attacked the village of Tarma on Sunday night.\n\n"
        '"We heard the motorcycles," Jane Roe said. "We ran," John Doe said.\n\n'
        '"They went from house to house. They took my brother and burned the granary."\n'
    )
    assert all(sp is None for _, sp, w in said(two) if "house to house" in w)


def test_a_quote_left_open_after_an_attributed_sentence_continues() -> None:
    text = (
        "A bomb exploded in the market on Tuesday.\n\n"
        '"I heard a loud noise," Jane Roe told reporters. "When I went down there was smoke everywhere.\n\n'
        '"We never thought they would do it with the children outside."\n'
    )
    assert speaker_of(text, "We never thought they would do it") == "jane-roe"


# -- a statement or release that speaks for whoever issued it -----------------------------------
def test_the_statement_read_and_the_release_stated_are_the_issuers() -> None:
    text = (
        "Gunmen attacked the village of Tarma on Sunday night.\n\n"
        "In a statement on Monday, Jane Roe said the command received a distress call at midnight.\n\n"
        '"On arrival, the team engaged the gunmen and repelled them," the statement read.\n\n'
        "Army spokesman, Col John Doe, in a release issued on Tuesday, said the post had been attacked.\n\n"
        '"The valiant troops neutralised five attackers," the release stated. It said one soldier '
        '"paid the supreme price" in the fighting.\n'
    )
    found = quotes(text)
    assert ("jane-roe", "On arrival, the team engaged the gunmen and repelled them") in found
    assert ("john-doe", "The valiant troops neutralised five attackers") in found
    assert ("john-doe", "paid the supreme price") in found


def test_a_speaker_named_by_nom_de_guerre_or_by_an_office_short_form() -> None:
    text = (
        "Rebels attacked the post at Lunda on Tuesday.\n\n"
        "A spokesman for the Valley Freedom Fighters (VFF) denied any involvement.\n\n"
        '"We have nothing to do with this attack," said the spokesman, who uses the nom de guerre Abu Tariq.\n\n'
        'In a video, a self-styled rebel commander who goes by the nom de guerre "General Storm Kato" '
        "claimed the attack.\n\n"
        '"We came to show them that this is our land," the rebel commander said in the video.\n\n'
        "The Senior District Officer, SDO, for Lunda, Jane Roe Mbah, who visited the post, condemned it.\n\n"
        '"Government is in control of the situation," the SDO told reporters.\n'
    )
    found = quotes(text)
    assert ("abu-tariq", "We have nothing to do with this attack") in found
    assert ("general-storm-kato", "We came to show them that this is our land") in found
    assert ("jane-roe-mbah", "Government is in control of the situation") in found


def test_the_name_in_apposition_speaks_however_far_the_quotation_is() -> None:
    text = (
        "A missile hit the camp on Saturday.\n\n"
        "The Valley Front's military spokesman, Omar Haddad, said in a televised statement on the group's "
        'channel late on Saturday that its forces had targeted "a gathering of mercenaries" in the town.\n'
    )
    assert ("omar-haddad", "a gathering of mercenaries") in quotes(text)


def test_it_opening_the_next_paragraph_is_the_body_that_spoke_last() -> None:
    text = (
        "Troops came under fire on Monday.\n\n"
        '"A serviceman was killed in the provocation," the ministry of defence of Valdoria said in a statement.\n\n'
        'It added that its units had taken "adequate retaliatory measures" against the attackers.\n'
    )
    assert speaker_of(text, "adequate retaliatory measures") == "ministry-of-defence-of-valdoria"
    other = (
        "Troops came under fire on Monday.\n\n"
        "The Valley Front (VF) attacked the post, and "
        '"a serviceman was killed," the ministry of defence of Valdoria said in a statement.\n\n'
        'It added that its units had taken "adequate retaliatory measures" against the attackers.\n'
    )
    assert all(sp is None for _, sp, w in said(other) if "retaliatory" in w)


def test_an_association_named_as_the_subject_of_a_clause_and_later_by_its_head() -> None:
    text = (
        "Gunmen fired at a petrol pump on Saturday.\n\n"
        "Pumps stayed shut on Monday after the Valley Fuel Traders Association called a closure to protest "
        "against what it termed \u201crampant extortion\u201d by armed groups. The association warned that "
        "its members would stay closed if \u201cthe safety of our staff is not guaranteed\u201d.\n"
    )
    found = quotes(text)
    assert ("valley-fuel-traders-association", "rampant extortion") in found
    assert ("valley-fuel-traders-association", "the safety of our staff is not guaranteed") in found
    assert speaker_of(text, "its members would stay closed") == "valley-fuel-traders-association"


def test_a_country_owning_another_body_is_not_its_voice() -> None:
    text = (
        "A bomb exploded on Tuesday.\n\n"
        "Chile's national election service's office said in a statement that it had warned local "
        "authorities of a high risk of attacks.\n"
    )
    assert all(sp != "chile" for _, sp, _ in said(text))


def test_a_person_opening_the_sentence_is_its_subject_not_a_clause_to_skip() -> None:
    text = (
        "Jets struck a monastery on Wednesday.\n\n"
        "Ko Thet Naing, a spokesman for the local Valley Defence Force (VDF), one of dozens of militias that "
        "took up arms after the coup, said 22 people had been killed.\n"
    )
    assert speaker_of(text, "22 people had been killed") == "ko-thet-naing"


def test_more_shapes_of_reported_speech() -> None:
    text = (
        "A missile hit the camp at Tarma on Saturday.\n\n"
        "The Valley Front's spokesman, Omar Haddad, said in a televised statement on the group's channel "
        "late on Saturday that its forces had struck a gathering of enemy commanders.\n\n"
        "In a statement on Monday, Jane Roe said the command received a distress call at midnight.\n\n"
        '"On arrival, the team repelled the attackers," the statement read.\n\n'
        "She added that efforts were ongoing to rescue the kidnapped villagers.\n\n"
        "Among the displaced was Amina Keita, a 34-year-old vendor who said she ran with her daughters "
        "when she heard gunfire.\n\n"
        "Governor John Doe directed local authorities to provide shelter for the families.\n\n"
        "Commander Ali Musa ordered the arrest of the guards, the opposition party said.\n"
    )
    assert speaker_of(text, "its forces had struck a gathering") == "omar-haddad"
    assert [w for _, _, w in said(text) if w.startswith("its forces had struck")]
    assert speaker_of(text, "efforts were ongoing") == "jane-roe"
    assert speaker_of(text, "she ran with her daughters") == "amina-keita"
    assert speaker_of(text, "directed local authorities") == "john-doe"
    # Someone else's account of the order, its teller unresolved: not the commander's words.
    assert all(sp != "ali-musa" for _, sp, w in said(text) if "arrest of the guards" in w)


def test_who_said_after_a_noun_with_of_is_that_nouns() -> None:
    text = (
        "A bomb exploded on Monday.\n\n"
        "Among the mourners was Jane Doe, the mother of a boy who said he saw the gunmen on the road.\n"
    )
    assert all(sp != "jane-doe" for _, sp, _ in said(text))


def test_an_act_told_by_the_actors_own_office_is_the_actors() -> None:
    text = (
        "A bomb exploded in the market on Saturday.\n\n"
        'President John Doe ordered the security forces to "hunt down" those responsible, the Presidential '
        "Communications Office said in a statement.\n"
    )
    assert ("john-doe", "hunt down") in quotes(text)


def test_what_a_named_actor_called_is_its_words() -> None:
    text = (
        "Four soldiers were killed in February.\n\n"
        'The raid came weeks after a border clash, in what Israel called a "revenge operation" against militants.\n'
    )
    assert ("israel", "revenge operation") in quotes(text)


def test_confirmed_in_a_statement_saying_that_claims_what_follows_saying() -> None:
    text = (
        "A roadside bomb hit a patrol on Wednesday.\n\n"
        "The Valley Security Command (VSC) confirmed the attack in a statement issued late Wednesday, saying "
        "that an explosive device had targeted an army unit near the river.\n"
    )
    assert [w for _, _, w in said(text) if w.startswith("an explosive device had targeted")]


def test_a_quoted_label_is_no_quote() -> None:
    text = (
        'Fighting broke out on Saturday when members of one clan, known as the "hill boys", '
        'attacked houses of the rival "river boys", police chief John Doe said.\n'
    )
    kinds = said(text)
    assert not [w for k, _, w in kinds if k == "direct_quote"], kinds


def test_words_a_spokesman_reports_of_someone_else_are_not_his() -> None:
    text = (
        "President Jane Roe met both delegations on Monday evening. He asked them to "
        '"keep the ceasefire for the sake of all", government spokesman John Doe said in a statement.\n'
    )
    # Jane Roe's (the "He" of the sentence) or nobody's, never the spokesman's.
    assert "john-doe" not in [sp for k, sp, w in said(text) if k == "direct_quote" and "ceasefire" in w]


def test_a_relative_named_in_apposition_speaks_not_the_person_he_is_kin_of() -> None:
    text = (
        "Jama Ali Warsame, 42, was bundled into a car by four armed men outside his shop, police said.\n\n"
        "Police spokesperson Captain John Doe said the suspects had been waiting when Warsame arrived.\n\n"
        "Warsame's elder sister, Amina Ali, said on Thursday the family had received a ransom call.\n"
    )
    assert speaker_of(text, "ransom call") == "amina-ali"


def test_the_prosecutor_is_the_prosecutor_named_earlier() -> None:
    text = (
        "Three people were hurt when a man attacked shoppers in Graz on Friday, the city's public "
        "prosecutor, Anna Huber, told reporters.\n\n"
        "“Nothing so far points to a political motive,” the prosecutor said.\n"
    )
    assert speaker_of(text, "political motive") == "anna-huber"


def test_a_live_page_s_bullet_and_time_stamp_are_no_part_of_the_speaker() -> None:
    text = (
        "Drones hit Sumy overnight, killing two people.\n\n"
        "• 03:10 – Ivan Petrenko, head of the regional administration, wrote on Telegram: "
        "“The enemy struck a residential block in the city centre.”\n"
    )
    assert speaker_of(text, "residential block") == "ivan-petrenko"


def test_the_spokesman_is_the_one_person_described_as_spokesperson() -> None:
    text = (
        "Gunmen killed nine people in Tsafe on Saturday.\n\n"
        "The spokesperson of the state police command, Musa Danladi, confirmed the attack on Sunday.\n\n"
        "He said the attackers came on motorcycles.\n\n"
        '"Efforts are ongoing to rescue those abducted," the spokesman said.\n'
    )
    assert speaker_of(text, "Efforts are ongoing") == "musa-danladi"


def test_the_village_head_is_the_village_head_named_earlier() -> None:
    text = (
        "Gunmen killed nine people in Tsafe on Saturday.\n\n"
        "The village head, Garba Idris, said 12 people had been buried.\n\n"
        '"They told us they would come back for the rest of us," the village head said.\n'
    )
    assert speaker_of(text, "come back") == "garba-idris"


def test_a_surname_with_an_accent_after_a_long_title() -> None:
    text = (
        "Soldiers killed 20 traders in Ségou on Tuesday.\n\n"
        "UN High Commissioner for Human Rights Volker Türk on Friday voiced alarm at the killings.\n\n"
        "“These acts may amount to war crimes and must be investigated,” Türk said.\n"
    )
    assert speaker_of(text, "war crimes") == "volker-turk"


def test_he_is_never_a_name_that_follows_of() -> None:
    text = (
        "A bomb killed two rangers in Yala on Friday.\n\n"
        "Ismail Doloh, the headman of Ban Ka Pho, said the shop was busy every evening.\n\n"
        '"We are tired of this. People just sit down to drink tea," he said.\n'
    )
    assert speaker_of(text, "tired of this") == "ismail-doloh"
    assert speaker_of(text, "busy every evening") == "ismail-doloh"


def test_said_then_a_description_and_a_new_full_name() -> None:
    text = (
        "Police killed five protesters in Beira on Wednesday, a rights group said.\n\n"
        '"Our observers saw officers shoot at people who were running away," said the group\'s '
        "executive director, Marta Cossa.\n\n"
        "A gunman killed two people at a bus stop in Haifa on Tuesday.\n\n"
        "\u201cWhen we arrived there was shouting everywhere,\u201d said MDA senior paramedic Dov Levin.\n"
    )
    assert speaker_of(text, "Our observers") == "marta-cossa"
    assert speaker_of(text, "shouting everywhere") == "dov-levin"


def test_a_rank_and_a_first_name_is_the_person_named_in_full() -> None:
    text = (
        "A bomb killed two rangers in Pattani on Friday.\n\n"
        "Col Somchai Wongsawat, spokesman for the regional command, said the rangers died at the scene.\n\n"
        '"Whoever did this knew that ordinary people would be hurt," Col Somchai said.\n'
    )
    assert speaker_of(text, "ordinary people") == "somchai-wongsawat"


def test_a_name_in_quotation_marks_is_no_quote() -> None:
    text = (
        "Gunmen killed 12 guardsmen near Culiacán on Tuesday.\n\n"
        "Governor Ana Ruiz said the gunmen belonged to a cell of “Los Chapitos,” the faction led by the "
        "sons of Joaquín “El Chapo” Guzmán.\n"
    )
    assert not any(w in ("Los Chapitos,", "Los Chapitos", "El Chapo") for _, _, w in said(text))


def test_a_full_name_whose_surname_is_another_person_s_speaks_for_herself() -> None:
    text = (
        "Gunmen killed eight people at a party in Spanish Town on Saturday.\n\n"
        "Police named one of the dead as 22-year-old Romario Clarke, a mechanic.\n\n"
        "Sonia Clarke, mother of Romario Clarke, said her son had gone to the party with his cousin.\n\n"
        "“Him was just enjoying himself with him family,” she said.\n"
    )
    assert speaker_of(text, "enjoying himself") == "sonia-clarke"


def test_an_unnamed_official_or_spokesperson_is_not_the_one_named_before() -> None:
    text = (
        "Gunmen killed eight passengers near Bagan on Monday.\n\n"
        "Deputy Commissioner Shahid Ali Khan confirmed the casualties. “Eight passengers lost their lives,” he said.\n\n"
        "A police official, requesting anonymity, said the toll had risen. “The attack was clearly sectarian,” the "
        "official said.\n\n"
        "“There is nothing to indicate any ongoing threat,” an FBI spokesperson said in a statement.\n"
    )
    found = {w: sp for _, sp, w in said(text)}
    assert found.get("The attack was clearly sectarian") != "shahid-ali-khan"
    assert found.get("There is nothing to indicate any ongoing threat") != "shahid-ali-khan"


def test_a_person_called_by_first_name_is_the_one_person_of_that_name() -> None:
    text = (
        "Rebels ambushed an army convoy on Tuesday.\n\n"
        "Lt. Col. Hendro Wisanggeni, spokesman of the regional command, said two soldiers were killed.\n\n"
        '"Our troops were escorting a truck when they were shot at from the hills," Hendro said.\n'
    )
    assert speaker_of(text, "escorting a truck") == "hendro-wisanggeni"


def test_a_quotation_left_open_is_the_speaker_s_who_closes_it_a_paragraph_on() -> None:
    text = (
        "Gunmen attacked an army post on Thursday, Mali's Defence Ministry said in a statement.\n\n"
        '"Our units reacted with courage and inflicted heavy losses on the enemy in the area.\n\n'
        '"Unfortunately, we deplore on our side nine dead and four wounded," said the statement.\n'
    )
    assert speaker_of(text, "reacted with courage") == speaker_of(text, "Unfortunately")
    assert speaker_of(text, "reacted with courage") is not None


def test_the_first_of_two_surnames_names_the_person() -> None:
    text = (
        "Gunmen killed five people at a bar on Saturday.\n\n"
        "Mayor Alberto Fuentes Olmedo told local radio that the town was afraid.\n\n"
        '"We do not have the police to face this," Fuentes said.\n'
    )
    assert speaker_of(text, "police to face this") == "alberto-fuentes-olmedo"


def test_a_surname_several_people_share_is_the_one_last_named_in_full() -> None:
    text = (
        "Gunmen attacked a camp of landless farmers on Friday, police said.\n\n"
        "The dead were identified as Carlos Mendes Duarte, 61, and his son Paulo Duarte, 34.\n\n"
        '"They came shooting at the shacks," said Marcos Duarte, 58, a coordinator of the camp.\n\n'
        'Duarte said the families had received threats for months. "We reported every threat to the police," he said.\n'
    )
    assert speaker_of(text, "every threat to the police") == "marcos-duarte"


def test_a_clergy_title_is_no_part_of_the_name() -> None:
    text = (
        "Gunmen attacked a camp of landless farmers on Friday, police said.\n\n"
        '"Every year we count the dead, and every year the killers go free," said Pastoral Council coordinator '
        "Sister Maria Aparecida Rocha, a nun who has worked in the region for two decades.\n"
    )
    assert speaker_of(text, "killers go free") == "maria-aparecida-rocha"


def test_the_spokeswoman_is_no_spokesman_named_before() -> None:
    text = (
        "A man stabbed five people at the main station on Thursday.\n\n"
        "Five people were wounded, federal police spokesman John Roe told reporters.\n\n"
        "A spokeswoman for the prosecutor's office said the man was being investigated for attempted murder.\n\n"
        '"At the moment, there are no indications of a political motive," the spokeswoman said.\n'
    )
    assert [sp for _, sp, w in said(text) if "no indications" in w] != ["john-roe"]


def test_the_official_introduced_unnamed_is_not_a_spokesman_named_before() -> None:
    text = (
        "An air strike hit a residential building in the city on Saturday.\n\n"
        "Civil Defence spokesman Mahmoud Haddad said 11 bodies had been recovered.\n\n"
        "An Israeli military official, speaking on condition of anonymity, said the target was a commander. "
        '"The numbers coming out of the city cannot be verified," the official said.\n'
    )
    assert [sp for _, sp, w in said(text) if "cannot be verified" in w] != ["mahmoud-haddad"]


def test_a_name_with_a_lower_case_particle_is_one_name() -> None:
    text = (
        "Police killed ten people in a raid on the favela on Thursday.\n\n"
        '"My son was not a bandit," said Maria Aparecida dos Reis, 41, whose son was shot near the school.\n'
    )
    assert speaker_of(text, "not a bandit") == "maria-aparecida-dos-reis"


def test_a_relative_named_by_first_name_speaks_not_the_victim() -> None:
    text = (
        "Police opened fire at a street party on Saturday, killing four people.\n\n"
        "Among the dead was Joana Ferreira da Costa, 16, according to relatives. Her aunt, Lucineide, said the girl "
        'was shot as she ran. "She wanted to be a nurse," she said.\n'
    )
    assert speaker_of(text, "wanted to be a nurse") == "lucineide"


def test_the_party_spokesperson_is_not_the_police_spokesperson_who_spoke_last() -> None:
    text = (
        "Gunmen shot dead a candidate in the city on Monday.\n\n"
        'Police spokesperson Col. Omar Haddad said the driver was wounded. "We are reviewing the footage," Haddad said.\n\n'
        '"The party warned the security agencies more than once," the party spokesperson added.\n'
    )
    assert [sp for _, sp, w in said(text) if "warned the security agencies" in w] != ["omar-haddad"]


def test_a_surname_after_another_given_name_is_another_person() -> None:
    text = (
        "A bomb exploded at a party convention on Sunday, killing 16 people.\n\n"
        '"Two more injured persons have died," rescue spokesperson Bilal Khan said.\n\n'
        "Party chief Aimal Wali Khan, speaking to reporters in the city, said the campaign would go on. "
        '"Our workers were carrying nothing but flags," he said.\n'
    )
    assert [sp for _, sp, w in said(text) if "nothing but flags" in w] != ["bilal-khan"]


def test_a_quotation_paragraph_goes_on_from_a_paragraph_ending_on_the_speaker_s_quote() -> None:
    text = (
        "A bomb exploded at a party convention on Sunday, killing 16 people.\n\n"
        "Gul Hassan, a 34-year-old party worker who received splinter wounds in his arm, said he was standing "
        'about 20 feet from the stage. "There was a flash and then dust everywhere," he told reporters.\n\n'
        '"When the dust settled, I saw people lying everywhere."\n'
    )
    assert speaker_of(text, "When the dust settled") == "gul-hassan"


def test_a_quotation_paragraph_does_not_go_on_from_a_quoted_phrase_in_a_paraphrase() -> None:
    text = (
        "Troops raided the old city on Monday, killing four people.\n\n"
        "The Martyrs Brigade, an armed group, said on Telegram that two of those killed were its fighters who "
        'had "confronted the occupation forces in the alleys".\n\n'
        '"We could hear them calling for help"\n'
    )
    assert [sp for _, sp, w in said(text) if "calling for help" in w] in ([], [None])


def test_the_priest_is_the_priest_described_earlier() -> None:
    text = (
        "Insurgents attacked a chapel in the village on Sunday, killing nine people.\n\n"
        "Father Tomas Mabunda, a priest of the diocese who coordinates its parishes, told a news agency that "
        "at least 12 faithful had been killed.\n\n"
        '"They rebuilt their chapel with their own hands," the priest said.\n'
    )
    assert speaker_of(text, "rebuilt their chapel") == "tomas-mabunda"


def test_honorifics_and_police_ranks_are_no_part_of_a_name() -> None:
    text = (
        "A man stabbed six people at an arena on Saturday.\n\n"
        '"We are treating this as a terrorist incident," Assistant Chief Constable Claire Benton said.\n\n'
        '"This is a dark day," Premier David Oakes said.\n'
    )
    assert speaker_of(text, "terrorist incident") == "claire-benton"
    assert speaker_of(text, "dark day") == "david-oakes"


def test_a_speaker_after_said_keeps_the_points_of_an_abbreviated_rank() -> None:
    text = (
        "Rebels ambushed an army patrol on Sunday, killing four soldiers.\n\n"
        '"This is a cowardly act," said Brig. Gen. Alfredo Santiago, commander of the 803rd Infantry Brigade.\n'
    )
    assert speaker_of(text, "cowardly act") == "alfredo-santiago"


def test_a_person_of_an_organisation_before_the_verb_is_a_person() -> None:
    text = (
        "A mob lynched two suspected robbers on Saturday.\n\n"
        "Human rights activist Dennis Omondi of the Lake Region Rights Forum said mob justice had become normal.\n\n"
        '"When people see that nothing happens, they do it again," he said.\n'
    )
    assert speaker_of(text, "nothing happens") == "dennis-omondi"


def test_the_secretary_named_in_apposition_speaks_not_the_governor_he_serves() -> None:
    text = (
        "Gunmen killed 12 villagers on Monday night.\n\n"
        "In a statement, the Chief Press Secretary to Governor Hyacinth Adoga, Aondona Terkura, said the governor "
        "had ordered more troops to the area.\n"
    )
    assert speaker_of(text, "ordered more troops") == "aondona-terkura"


def test_a_wife_named_by_first_name_after_a_possessive_speaks_her_quote() -> None:
    text = (
        "Gunmen shot dead the town's vice mayor on Saturday evening.\n\n"
        "Police spokesperson Maj. Ana Dumaguete said the police were looking into possible motives.\n\n"
        "She said the vice mayor's wife, Elena, had told investigators that her husband had received threats.\n\n"
        '"He told me not to worry, that it was only politics," she said when reached by phone on Sunday.\n'
    )
    assert speaker_of(text, "only politics") == "elena"


def test_the_provincial_commissioner_is_the_general_described_so() -> None:
    text = (
        "Gunmen killed six people at a tavern on Saturday night.\n\n"
        "The Eastern Cape Provincial Commissioner, Lieutenant General Thandiwe Ngcobo, has activated a 72-hour plan.\n\n"
        '"We appeal to the community to break the silence," the Provincial Commissioner said.\n'
    )
    assert speaker_of(text, "break the silence") == "thandiwe-ngcobo"


def test_a_relative_of_someone_speaks_for_himself_never_as_that_someone() -> None:
    text = (
        "A suicide bomber killed 12 policemen at a checkpost on Sunday.\n\n"
        "Constable Hazrat Gul was among the dead.\n\n"
        '"He called our mother this morning," said Hazrat Gul\'s elder brother, Noor Muhammad, outside the mortuary.\n'
    )
    assert speaker_of(text, "called our mother") == "noor-muhammad"


def test_a_group_calling_itself_a_name_is_that_group_not_the_country_in_it() -> None:
    text = (
        "A suicide bomber killed 12 policemen at a checkpost on Sunday.\n\n"
        "A little-known group calling itself Ittehad-ul-Mujahideen Pakistan claimed responsibility, saying its "
        '"fidayeen" had targeted "the apostate police".\n'
    )
    assert [sp for _, sp, w in said(text) if w == "the apostate police"] != ["pakistan"]


def test_the_islamist_group_is_the_one_armed_group_named() -> None:
    text = (
        "A suicide bomber killed 13 recruits at a training camp on Monday.\n\n"
        "Shabaab has waged an insurgency for more than 15 years.\n\n"
        'In a statement, the Islamist group said one of its fighters had carried out a "martyrdom operation".\n'
    )
    assert speaker_of(text, "martyrdom operation") == "al-shabaab"


def test_a_reporter_named_with_her_outlet_is_the_reporter() -> None:
    text = (
        "A drone struck a market on Monday, killing 23 people.\n\n"
        'Reporting from Port Sudan, Al Jazeera’s Hala Osman said the toll was likely to rise. "Hospitals are '
        'running short of blood," she said.\n'
    )
    assert speaker_of(text, "short of blood") == "hala-osman"


def test_an_age_in_brackets_after_a_name_describes_a_person() -> None:
    text = (
        "Shells struck a crowded market on Sunday morning, killing 31 people.\n\n"
        "Hawa Abdelkarim (43), a mother of six who sells okra in the market, said she was weighing sorghum when "
        'the first shell fell. "There was dust everywhere. I could not see my hands," she said.\n'
    )
    assert speaker_of(text, "dust everywhere") == "hawa-abdelkarim"


def test_a_region_is_no_person_so_the_governor_stays_the_one_person_of_that_office() -> None:
    text = (
        "Nine people were killed on Thursday when a bomb went off under a bus in the Mayo-Sava Division of "
        "Cameroon’s Far North Region, the regional governor said.\n\n"
        "Speaking on Thursday evening, the Governor of the Far North Region, Midjiyawa Bakary, said nine people "
        "were killed.\n\n"
        '"They have chosen the coward\'s weapon," the governor said.\n'
    )
    assert speaker_of(text, "coward's weapon") == "midjiyawa-bakary"


def test_a_speaker_described_by_a_whose_clause_is_not_the_namesake_named_before() -> None:
    text = (
        "Rockets struck a market on Friday, killing four people.\n\n"
        "Omar Haddad, a doctor at the district clinic, said four bodies had arrived.\n\n"
        "Samir Haddad, whose daughters Lina, 9, and Rana, 6, were hurt in the attack, said they had gone out to "
        "buy fruit.\n\n"
        '"I heard the whistle and then I ran," he said.\n'
    )
    assert speaker_of(text, "heard the whistle") == "samir-haddad"


def test_a_militia_named_as_units_in_any_alphabet_is_the_group() -> None:
    text = (
        "A drone struck a car near the town on Monday, killing two fighters of the Mountain Resistance Units (MRŞ), "
        "the mayor said.\n\n"
        "The City Hospital received two bodies, its director said.\n\n"
        'In a statement, the MRŞ mourned its fighters. The group blamed "the occupiers" for the strike.\n'
    )
    assert speaker_of(text, "the occupiers") == "mountain-resistance-units"
    a = extract(text)
    assert next(x.kind for x in a.actors if x.key == "mountain-resistance-units") == "armed_group"


def test_it_after_a_ministry_is_the_ministry_not_the_police_officer_of_its_sentence() -> None:
    text = (
        "Three men were killed in a police raid on a house in the north of the city, the Interior Ministry said on "
        "Saturday.\n\n"
        "A police officer was hurt, the ministry said. It described the men as "
        '"members of a criminal group."\n'
    )
    assert speaker_of(text, "members of a criminal group") == "interior-ministry"


def test_the_police_major_is_the_officer_of_that_rank_not_the_police() -> None:
    text = (
        "A grenade exploded at a dance on Saturday, wounding 12 people.\n\n"
        "Town police chief Police Major Jane Bautista said a man threw the grenade from the road.\n\n"
        '"He was gone before anyone could stop him," the police major said.\n'
    )
    assert speaker_of(text, "gone before anyone") == "jane-bautista"


def test_an_agency_that_relays_someone_s_words_does_not_speak_them() -> None:
    text = (
        "A van hit a crowd at a fair on Friday, killing one person, the Belga news agency reported.\n\n"
        'The town\'s mayor told local radio that "about a dozen people" had been hurt, many of them children, '
        "according to Belga.\n"
    )
    assert all(sp != "belga" for _, sp, words in said(text) if "about a dozen people" in words)


def test_a_country_s_prime_minister_is_not_the_country() -> None:
    text = (
        "A van hit a crowd at a fair in Namur on Friday, killing one person.\n\n"
        'Belgium\'s prime minister said on X that he was "appalled" by the attack.\n'
    )
    assert all(sp != "belgium" for _, sp, words in said(text) if "appalled" in words)


def test_an_office_whose_holder_is_never_named_speaks_as_that_office() -> None:
    text = (
        "Rioters burned a town hall in the north on Wednesday, and two people were killed.\n\n"
        "The prefect of Alibori, speaking on state radio on Thursday, said calm had returned.\n\n"
        '"Those who burned the town hall will answer before the law," the prefect said.\n\n'
        'Belgium\'s prime minister said he was "saddened" by the deaths.\n'
    )
    a = extract(text)
    by_key = {x.key: x for x in a.actors}
    prefect = speaker_of(text, "answer before the law")
    assert prefect is not None
    assert by_key[prefect].name == "prefect of Alibori"
    assert by_key[prefect].kind == "person"
    premier = speaker_of(text, "saddened")
    assert premier is not None
    assert by_key[premier].name == "prime minister of Belgium"


def test_an_office_whose_holder_is_named_anywhere_is_not_made_a_person_of_its_own() -> None:
    text = (
        "Rioters burned a town hall in the north on Wednesday, and two people were killed.\n\n"
        '"Those who burned the town hall will answer before the law," the governor said.\n\n'
        "Governor Jane Akpovi later visited the wounded in hospital.\n"
    )
    assert all(sp is None or "governor" not in sp for _, sp, words in said(text) if "answer before" in words)


def test_a_district_collector_s_title_is_no_part_of_her_name() -> None:
    text = (
        "Two groups clashed during a procession on Sunday, leaving one man dead.\n\n"
        '"Schools will stay closed on Monday," said Collector Anita Rao.\n'
    )
    assert speaker_of(text, "Schools will stay closed") == "anita-rao"


def test_he_after_a_quotation_left_open_is_the_person_named_before_it() -> None:
    text = (
        "A man was stabbed to death at a ferry terminal on Saturday, police said.\n\n"
        "Speaking at the terminal, Inspector Tomasz Wrona said passengers had tried to help.\n\n"
        "\u201cThis was a senseless attack on people waiting to go home.\n\n"
        "\u201cI want to thank everyone who stepped in,\u201d he said.\n"
    )
    assert speaker_of(text, "senseless attack") == "tomasz-wrona"
    assert speaker_of(text, "thank everyone") == "tomasz-wrona"


def test_a_surname_of_two_words_is_the_person_named_in_full() -> None:
    text = (
        "Police fired on protesters in the town on Wednesday, killing two, the ministry said.\n\n"
        "The party's spokesman, Koffi Ade Bello, said five people had been shot dead.\n\n"
        '"Our young people were not armed," Ade Bello told journalists.\n'
    )
    assert speaker_of(text, "were not armed") == "koffi-ade-bello"


def test_a_country_s_ministry_named_after_its_bare_name_is_one_ministry_and_not_another_country_s() -> None:
    text = (
        "Bombing in Homs\n\n"
        "Six people were killed in a bombing on Monday, the Interior Ministry said.\n\n"
        "Syria's Interior Ministry said later that the toll could rise.\n\n"
        '"The cell behind the attack has been identified," the ministry said.\n\n'
        "Lebanon's Interior Ministry said it had tightened checks at the border.\n"
    )
    a = extract(text)
    ministries = [x for x in a.actors if "Interior Ministry" in x.name]
    assert sorted((x.name, x.country_code) for x in ministries) == [
        ("Lebanon's Interior Ministry", "LB"),
        ("Syria's Interior Ministry", "SY"),
    ]


def test_an_affiliate_speaks_not_the_body_it_belongs_to() -> None:
    text = (
        "Jihadists stormed an army camp on Wednesday, killing nine soldiers, the army said.\n\n"
        "In a message released on Wednesday evening by its propaganda arm al-Bayan, the Group for the Defence "
        "of the Valley (GDV), al-Qaeda's affiliate in the region, said its fighters had \"stormed the apostate "
        'army\'s barracks" in the town and killed "dozens" of soldiers.\n'
    )
    assert speaker_of(text, "stormed the apostate") == "group-for-the-defence-of-the-valley"


def test_two_countries_defence_ministries_named_generically_stay_two() -> None:
    text = (
        "Soldier killed on border\n\n"
        "The Armenian Defense Ministry said one soldier was killed on Tuesday when Azerbaijani troops opened fire.\n\n"
        '"The information disseminated by the Ministry of Defense of Armenia is false," the Azerbaijani '
        "Defense Ministry said in a statement.\n"
    )
    assert speaker_of(text, "disseminated by the Ministry") == "azerbaijani-defense-ministry"


def test_a_minister_named_after_his_state_s_office_is_the_minister_who_speaks() -> None:
    text = (
        "Militants stormed an army base on Tuesday, killing nine soldiers.\n\n"
        "Speaking in the capital later, Galmudug's minister of security, Hassan Ali Warsame, put the losses "
        "higher, saying 14 soldiers had been killed.\n\n"
        '"They wanted to open a road to the coast. They failed," the minister said.\n'
    )
    assert speaker_of(text, "open a road to the coast") == "hassan-ali-warsame"


def test_the_union_is_the_union_named_before() -> None:
    text = (
        "A suicide bomber killed 18 worshippers at a mosque on Friday, the health ministry said.\n\n"
        "The Union of Desert Tribes, a coalition whose fighters have fought the militants, rejected the claim. "
        '"None of the dead carried a weapon," the union said in a statement.\n'
    )
    assert speaker_of(text, "None of the dead carried") == "union-of-desert-tribes"


def test_an_agency_that_quoted_someone_as_saying_is_not_the_speaker() -> None:
    text = (
        "Drones struck a fuel depot overnight, the regional governor, Ivan Petrov, said.\n\n"
        'The state news agency Tass quoted the depot\'s operator as saying that it was "working normally".\n'
    )
    assert all(sp != "tass" for _, sp, words in said(text) if "working normally" in words)


def test_a_country_s_general_staff_speaks_not_the_country() -> None:
    text = (
        "Refinery hit\n\nA drone struck a refinery on Tuesday, the governor said.\n\n"
        "Later on Tuesday, Moldova's General Staff said its forces had struck the refinery, which it "
        "described as \u201ca key supplier of fuel for the army.\u201d\n"
    )
    assert all(sp != "moldova" for _, sp, words in said(text) if "key supplier" in words)


def test_an_outlet_spoken_to_is_not_the_speaker() -> None:
    text = (
        "A drone struck a house near the border overnight, killing nine people, officials said.\n\n"
        "A security official, speaking to Reuters on condition of anonymity, said forces had carried out "
        '"precision strikes" on hideouts.\n'
    )
    assert all(sp != "reuters" for _, sp, words in said(text) if "precision strikes" in words)


def test_an_opposition_leader_s_title_is_no_part_of_his_name() -> None:
    text = (
        "A man was stabbed to death at a festival on Sunday, police said.\n\n"
        'Opposition Leader Tom Reddan said the government had "lost control" of youth crime.\n'
    )
    assert speaker_of(text, "lost control") == "tom-reddan"


def test_each_of_two_speakers_in_one_sentence_keeps_their_own_words() -> None:
    text = (
        "Gunmen shot dead a local leader in the district on Saturday, police said.\n\n"
        'Party president Rukhsana Mir said the killing showed that "peace cannot be declared from a podium", '
        "while district legislator and CPI(M) leader Abdul Rashid Lone, who visited the family on Sunday, said "
        'the victim had been a "quiet man who settled disputes".\n'
    )
    assert speaker_of(text, "peace cannot be declared") == "rukhsana-mir"
    assert speaker_of(text, "quiet man who settled") == "abdul-rashid-lone"


def test_a_police_unit_in_apposition_is_no_person_who_speaks() -> None:
    text = (
        "Two people were shot dead at a bar on Saturday night, police said.\n\n"
        "Detective Inspector Aroha Tane, Waitemata CIB, says the investigation is continuing.\n\n"
        '"Two families have woken up to the worst news imaginable," she says.\n'
    )
    a = extract(text)
    assert all(x.name != "Waitemata CIB" or x.kind != "person" for x in a.actors)
    assert all(sp != "waitemata-cib" for _, sp, words in said(text) if "worst news" in words)


def test_an_outlet_in_capitals_is_no_person_who_speaks() -> None:
    text = (
        "Inmates escaped from a prison on Monday, officials said.\n\n"
        "The director of a prisoners' rights group told DAILY TIMES after the hearing that the budget was wasted.\n\n"
        '"More money for walls will not bring a single inmate before a judge," she said.\n'
    )
    a = extract(text)
    assert all(x.kind != "person" for x in a.actors if x.name == "DAILY TIMES")
    assert all(sp != "daily-times" for _, sp, words in said(text) if "money for walls" in words)


def test_an_agency_citing_someone_relays_their_words() -> None:
    text = (
        "A blast at a rally killed two people on Sunday, police said.\n\n"
        "The state news agency Tass, citing the press service of the regional executive committee, reported "
        'that "more than 20 people" had been injured.\n'
    )
    assert all(sp != "tass" for _, sp, words in said(text) if "more than 20 people" in words)


def test_a_country_s_unnamed_minister_is_that_country_s_minister() -> None:
    text = (
        "Gunmen shot dead three people at a temple on Sunday, police said.\n\n"
        "Sri Lanka's public security minister told parliament last month that 1,200 suspects had been arrested.\n\n"
        '"We will not allow gangs to turn our temples into battlefields," the minister said.\n'
    )
    a = extract(text)
    minister = speaker_of(text, "turn our temples")
    assert minister is not None
    assert next(x.name for x in a.actors if x.key == minister) == "public security minister of Sri Lanka"


def test_a_bare_surname_is_the_namesake_just_named_as_a_speaker() -> None:
    text = (
        "Rebels attacked a police station on Tuesday, killing three officers.\n\n"
        "The two patrolmen killed at the station, Andres Mosquera, 24, and Jhon Mosquera, 31, were not related, "
        "the colonel said.\n\n"
        "The town hospital received 19 wounded people, said its director, Liliana Mosquera. "
        '"Most of them have shrapnel wounds," Mosquera said.\n\n'
        'Pedro Hill said his cousin, Deshawn Hill, was shot in the leg. "He\'s 19," Hill said.\n'
    )
    assert speaker_of(text, "shrapnel wounds") == "liliana-mosquera"
    assert speaker_of(text, "He's 19") == "pedro-hill"


def test_it_said_after_the_statement_is_the_spokesman_who_issued_it() -> None:
    from datetime import UTC, datetime

    a = extract(
        "Militants attack army base\n\n"
        "Militants stormed the base in Dikwa at around 11 p.m., army spokesman Col. Abdulkadir Yusufu "
        "said in a statement.\n\n"
        '"The gallant troops engaged the terrorists in a fierce gun duel," the statement said.\n\n'
        '"Regrettably, six of our gallant soldiers paid the supreme price," it said.\n',
        published_at=datetime(2026, 10, 23, tzinfo=UTC),
    )
    quotes = [(s.text[:12], s.speaker) for s in a.statements if s.kind.value == "direct_quote"]
    assert quotes == [("The gallant ", "abdulkadir-yusufu"), ("Regrettably,", "abdulkadir-yusufu")]


def test_the_subject_speaks_not_the_object_nor_the_owner_of_a_name() -> None:
    from datetime import UTC, datetime

    a = extract(
        "Strike kills 40\n\n"
        "A drone strike on a school in El Obeid killed at least 40 people on Saturday.\n\n"
        "The Sudan Doctors Network said on Sunday that the strike hit the school.\n\n"
        'The group blamed the paramilitary Rapid Support Forces (RSF), describing the attack as a "deliberate '
        'massacre". Its toll had risen to at least 40 dead and 52 wounded, it said in a statement.\n\n'
        "Reporting from Port Sudan, Al Jazeera's Ahmed Idris said hospitals were struggling.\n\n"
        '"Doctors tell us they are operating in the corridors," Idris said.\n\n'
        '"Schools must be places of safety and learning," said UNICEF\'s representative in Sudan, Marit '
        "Holmgren.\n",
        published_at=datetime(2026, 11, 8, tzinfo=UTC),
    )
    names = {x.key: x.name for x in a.actors}
    quotes = [(s.text[:8], names[s.speaker]) for s in a.statements if s.kind.value == "direct_quote"]
    assert quotes == [
        ("delibera", "Sudan Doctors Network"),
        ("Doctors ", "Ahmed Idris"),
        ("Schools ", "Marit Holmgren"),
    ]
    assert [(c.killed, c.injured, names.get(c.reported_by or "")) for c in a.casualty_reports] == [
        (40, 52, "Sudan Doctors Network"),
    ]


def test_a_body_unknown_to_the_registry_is_not_the_country_it_is_sent_to() -> None:
    a = extract(
        "Commission report on strikes\n\n"
        "Militants attacked a market in Mota on Saturday, killing 12 people, Ethiopia's federal police said.\n\n"
        "The Delegation of the European Union to Ethiopia, in a statement, said it had taken note of the "
        'report and urged "all parties to the conflict to respect international humanitarian law."\n'
    )
    assert [s.speaker for s in a.statements if s.kind.value == "direct_quote"] == []


def test_a_sentence_adverb_and_a_lawyer_s_title_are_no_names() -> None:
    a = extract(
        "Blast kills three\n\n"
        "A bomb killed three people in Mastung on Monday.\n\n"
        'However, a senior security official, requesting anonymity, said the involvement of IS-K "could '
        'not be ruled out".\n\n'
        'Attorney-at-law Chathura Weerasekera said his client feared for his life. "I told the court on '
        'August 5 that my client had been threatened," he said.\n'
    )
    persons = sorted(x.name for x in a.actors if x.kind.value == "person")
    assert persons == ["Chathura Weerasekera"]


def test_a_country_s_office_named_with_its_short_form_is_not_the_country() -> None:
    a = extract(
        "Knife attack at station\n\n"
        "A man killed one person in a knife attack at Dijon station on Thursday, the prosecutor said.\n\n"
        "France's national anti-terrorism prosecutor's office (PNAT) said it was \"assessing the "
        'situation" in liaison with the Dijon prosecutor.\n'
    )
    assert [s.speaker for s in a.statements if s.kind.value == "direct_quote"] == []


def test_an_allegation_a_truncated_subject_and_an_owner_are_no_speakers() -> None:
    from datetime import UTC, datetime

    a = extract(
        "Rebels attack army post\n\n"
        "Rebels attacked an army post in Intan Jaya on Monday, killing two soldiers, the military said.\n\n"
        'The rebels claimed that the driver was "a TNI spy," an allegation the police rejected.\n\n'
        "The Provincial Task Force to End Local Communist Armed Conflict (PTF-ELCAC) of Negros Occidental "
        'also condemned the attack in a post on its Facebook page, calling the rebels "enemies of development."\n\n'
        "The National Unity Government's Ministry of Human Rights wrote on X that the bombing was \"yet another "
        'war crime" by the military.\n\n'
        'The National Commission on Human Rights (Komnas HAM) said in a statement that both sides must "stop '
        'making civilians the victims of this conflict."\n',
        published_at=datetime(2026, 3, 3, tzinfo=UTC),
    )
    names = {x.key: x.name for x in a.actors}
    quotes = [(s.text[:10], names[s.speaker]) for s in a.statements if s.kind.value == "direct_quote"]
    assert quotes == [("stop makin", "National Commission on Human Rights")]


def test_a_party_s_man_named_by_his_surname() -> None:
    a = extract(
        "Bomb kills 11 in market\n\n"
        "A bomb killed 11 people in a market in Parachinar on Friday, police said.\n\n"
        "Allama Syed Baqir Hussaini, a local leader of the MWM party, put the death toll at 19.\n\n"
        '"People here no longer believe the promises," MWM\'s Hussaini said.\n'
    )
    names = {x.key: x.name for x in a.actors}
    assert [names[s.speaker] for s in a.statements if s.kind.value == "direct_quote"] == [
        "Allama Syed Baqir Hussaini"
    ]


def test_a_relative_named_in_full_after_the_kin_word_speaks_for_himself() -> None:
    text = (
        "Mob kills two men\n\nA mob beat two men to death at a market in Tarash, Bangladesh, on Friday.\n\n"
        'Malek\'s elder brother Abdul Khalek was inconsolable. "My brother sold fish for thirty years," he said.\n'
    )
    assert speaker_of(text, "My brother sold fish") == "abdul-khalek"


def test_a_time_before_that_is_not_what_was_said() -> None:
    text = (
        "Drone strike on market\n\nA drone struck a market in Al Nahud, Sudan, on Sunday.\n\n"
        "The Emergency Response Room said in a statement this morning that at least 43 people had been killed.\n"
    )
    found = [w for kind, _, w in said(text) if kind == "paraphrase"]
    assert any(w.startswith("at least 43 people") for w in found), found


def test_we_did_claims_only_with_what_was_done() -> None:
    from app.ingest.extract.statements import stance_of
    from app.vocab import Stance

    assert stance_of("We did it") is Stance.claim_of_responsibility
    assert stance_of("We were told to keep the peace, and we did. Nobody threw a stone") is not (
        Stance.claim_of_responsibility
    )


def test_a_sheriff_and_a_middle_initial_are_names() -> None:
    text = (
        "Deputy wounded in traffic stop shooting\n\nA driver shot a deputy during a traffic stop near Sterlington, "
        "Louisiana, on Thursday night, and deputies returned fire, killing him.\n\n"
        "The coroner identified the driver as Terrance D. Whitaker, 34. State Police took over the inquiry at "
        "the request of Sheriff Warren Thibodeaux.\n\n"
        "Sheriff Thibodeaux said Friday that he had spoken with members of Mr. Whitaker's family. "
        '"They have questions, and they deserve answers," he said.\n'
    )
    assert speaker_of(text, "They have questions") == "warren-thibodeaux"


def test_a_spokesman_s_rank_before_his_name() -> None:
    text = (
        "Protest dispersed\n\nPolice fired tear gas at students in Bandung on Thursday.\n\n"
        "West Java police spokesman Senior Commissioner Ade Permana Putra gave a press conference.\n\n"
        '"We gave them three warnings," he told reporters.\n'
    )
    assert speaker_of(text, "We gave them three warnings") == "ade-permana-putra"


def test_a_governor_speaks_through_a_statement_by_his_spokesman() -> None:
    text = (
        "Bandits raid village\n\nBandits killed nine people in Bilbis village on Monday night.\n\n"
        "The Zamfara State Governor, Dauda Lawal, in a statement by his spokesman, Malam Nasiru Garba Kware, "
        'described the attack as "barbaric and inhuman".\n'
    )
    assert speaker_of(text, "barbaric and inhuman") == "dauda-lawal"


def test_a_hausa_title_after_two_names_is_the_family_name() -> None:
    text = (
        "Bandits raid village\n\nBandits killed nine people in Bilbis village on Monday night.\n\n"
        "The chairman of Tsafe Local Government, Alhaji Aminu Dan Mallam, confirmed the attack.\n\n"
        '"Nine people have been buried," he said.\n'
    )
    assert speaker_of(text, "Nine people have been buried") == "aminu-dan-mallam"


def test_an_office_its_short_form_and_its_area_before_a_name_are_his_title() -> None:
    text = (
        "Mob kills man\n\nA mob beat a man to death in Potka on Sunday.\n\n"
        "Senior Superintendent of Police (SSP), East Singhbhum, Piyush Ranjan Tiwari, told reporters on Monday "
        "that five persons had been arrested.\n\n"
        '"One person has died," the SSP said.\n'
    )
    assert speaker_of(text, "One person has died") == "piyush-ranjan-tiwari"
    assert ("paraphrase", "piyush-ranjan-tiwari", "five persons had been arrested") in said(text)


def test_un_agencies_and_a_presidency_speak_for_themselves() -> None:
    text = (
        "Market raid\n\nGunmen raided a market in Um Dam on Saturday, killing 26 people.\n\n"
        'The UN humanitarian office OCHA said it was "deeply alarmed" by reports from the town.\n\n'
        'The Sudanese presidency condemned what it called "a cowardly crime against unarmed civilians".\n'
    )
    assert speaker_of(text, "deeply alarmed") == "un-office-for-the-coordination-of-humanitarian-affairs"
    assert speaker_of(text, "a cowardly crime") == "sudanese-presidency"


def test_the_one_spoken_to_is_not_the_he_who_goes_on() -> None:
    text = (
        "Car bomb\n\nA car bomb exploded in Manbij on Sunday, killing nine people.\n\n"
        "Mahmoud al-Abdullah, a tomato seller, was thrown to the ground by the blast.\n\n"
        "“I did not hear anything after the explosion,” he told Enab Baladi.\n\n"
        "He added, “We come here at six in the morning to earn our bread.”\n"
    )
    assert speaker_of(text, "We come here at six") == "mahmoud-al-abdullah"


def test_a_given_name_opening_a_sentence_is_not_another_bearer_of_the_surname() -> None:
    text = (
        "Drone strike on market\n\nA drone strike hit the market in Durbete on Sunday, killing 30 people.\n\n"
        "Workinesh Alemu sold coffee there for 19 years. Her younger brother, Dawit Alemu, a tailor, kept his "
        "sewing machine two stalls away.\n\n"
        "“The market was not only for buying and selling,” she said.\n\n"
        "“I knew him by his shoes,” Workinesh said.\n"
    )
    # (hers, or no one's when she is not known: never her brother's)
    assert all(sp != "dawit-alemu" for _, sp, words in said(text) if "The market was not only" in words)


def test_a_trade_written_as_a_title_is_no_part_of_the_name() -> None:
    for trade in ("Sociologist", "Economist"):
        text = (
            "Court ruling\n\nPolice raided a favela in Rio on Monday, killing six people.\n\n"
            f"{trade} Paulo Henrique Moura, of the Fluminense Federal University (UFF), said the decision was "
            'important.\n\n"Cameras get switched off," Moura said.\n'
        )
        assert speaker_of(text, "Cameras get switched off") == "paulo-henrique-moura"


def test_a_body_s_researcher_named_after_its_possessive_speaks() -> None:
    text = (
        "Settlers attack farmers\n\nSettlers attacked olive pickers in al-Mughayyir on Friday, killing one man.\n\n"
        '"The harvest has become the most dangerous time of the year," said Yesh Din\'s field researcher '
        "Eyal Shani.\n"
    )
    assert speaker_of(text, "The harvest has become") == "eyal-shani"


# -- blind sets DU to DZ ------------------------------------------------------------------------
def test_a_pluperfect_said_after_an_apposition_and_a_quote_under_a_nickname() -> None:
    text = (
        "Bomb kills 14 in Baidoa\n\n"
        'Police commander Abdirahman Mohamed Hussein, widely known as "Gaab", had said late on Wednesday '
        "that nine people were killed.\n\n"
        '"We have now buried 14 people," Colonel Gaab told reporters at the scene.\n'
    )
    assert speaker_of(text, "nine people were killed") == "abdirahman-mohamed-hussein"
    assert ("abdirahman-mohamed-hussein", "We have now buried 14 people") in quotes(text)


def test_a_courtesy_title_before_the_surname_of_a_full_name_given_earlier() -> None:
    text = (
        "Rival rallies clash in Melbourne\n\n"
        "Premier Jacinta Allan visited the scene in Geelong.\n\n"
        '"There is no place in Victoria for this kind of thuggery," Ms Allan said.\n'
    )
    assert speaker_of(text, "There is no place") == "jacinta-allan"


def test_the_force_s_spokesperson_is_the_spokesperson_named_earlier() -> None:
    text = (
        "Bandits kill 27 in Zamfara\n\n"
        "The spokesperson of the Zamfara State Police Command, DSP Abdulrahman Yakubu, said on Monday that "
        "11 people were killed.\n\n"
        '"The hoodlums invaded three villages at about 11 p.m. on Sunday," the police spokesperson said.\n'
    )
    assert speaker_of(text, "The hoodlums invaded") == "abdulrahman-yakubu"


def test_a_capitalised_office_with_and_before_or_beside_the_name() -> None:
    lead = "LONDON (Reuters) - A crowd attacked a hotel on Friday.\n\n"
    for attribution in (
        "said Police and Crime Commissioner Sarah Taylor.",
        "said Norfolk's Police and Crime Commissioner, Sarah Taylor.",
    ):
        text = f'{lead}"Peaceful protest is a right I will always defend," {attribution}\n'
        assert speaker_of(text, "Peaceful protest") == "sarah-taylor"
    # two people are no one speaker
    text = f'{lead}"Peaceful protest is a right I will always defend," said Sarah Taylor and John Roe.\n'
    assert not said(text)


def test_a_country_s_body_speaks_not_the_country() -> None:
    text = (
        "Ecuador prison clash\n\n"
        "Twenty-one inmates have been killed in fighting at the Litoral Penitentiary in Guayaquil, Ecuador's "
        "prison authority says.\n"
    )
    assert all(sp != "ecuador" for _, sp, _ in said(text))


def test_a_written_rank_and_surname_is_the_officer_named_in_full() -> None:
    text = (
        "MANILA - Rebels ambushed an army patrol on Sunday.\n\n"
        "Lt. Col. Mark Anthony D. Ocampo, Commanding Officer of the 20IB, said the rebels fled.\n\n"
        '"Our troops were there to secure the workers," LTC Ocampo said.\n\n'
        "Major General Orlando D. Dizon, Commander of the 3rd Infantry Division, commended the troops.\n\n"
        '"The door is always open," MGen Dizon said.\n'
    )
    assert speaker_of(text, "Our troops") == "mark-anthony-d-ocampo"
    assert speaker_of(text, "The door") == "orlando-d-dizon"


def test_the_statement_is_the_one_its_paragraph_opens_on() -> None:
    text = (
        "KHARTOUM - A drone struck a shelter on Sunday, killing 27 people.\n\n"
        '"Children were killed in the one place that was supposed to keep them safe," Sheldon Yett, '
        "UNICEF's representative in Sudan, said in a statement.\n\n"
        "In a statement posted on its Telegram channel, the RSF rejected the accusation. "
        '"Our forces did not target any civilian site in El Obeid," the statement said.\n'
    )
    assert speaker_of(text, "Our forces did not target") == "rapid-support-forces"


def test_a_quotation_that_makes_up_a_paragraph_goes_on_in_the_voice_of_the_person_before() -> None:
    text = (
        "KABUL - A suicide bomber attacked a bank on Monday, killing eight people.\n\n"
        "Mohammad Nabi, who owns a mobile phone shop across the road from the bank, told Al Jazeera he "
        "was knocked to the ground by the blast.\n\n"
        '"I was opening my shutter when I heard a very loud sound and everything went white.\n\n'
        '"Most of them were teachers and clerks who come here every month for their salaries."\n\n'
        "Police said the bomber was on foot.\n"
    )
    assert speaker_of(text, "I was opening my shutter") == "mohammad-nabi"
    assert speaker_of(text, "Most of them were teachers") == "mohammad-nabi"
    # (a crosshead in quotation marks is nobody's words)
    text = (
        "KABUL - A suicide bomber attacked a bank on Monday, killing eight people.\n\n"
        "Dr. Rosnee Hayeeteh, deputy director of the hospital, said it had received four wounded people.\n\n"
        "'She was only going to buy fish'\n\n"
        "Police identified the injured woman as Mariam Dolah, 41.\n"
    )
    assert all("buy fish" not in words for _, _, words in said(text))


def test_one_name_that_is_a_town_too_is_a_person_with_a_trade_beside_it() -> None:
    text = (
        "BEIRUT - A drone struck a car on Monday, killing three people.\n\n"
        '"We heard the drone over the town since the morning," said Hassan, a vegetable seller whose '
        "stall is about 50 metres from the road.\n"
    )
    assert speaker_of(text, "We heard the drone") == "hassan"


def test_a_quote_after_a_one_voice_paragraph_of_quote_and_long_attribution_goes_on() -> None:
    text = (
        "BENI - Rebels attacked a funeral wake in Byambwe on Monday night, killing 17 people.\n\n"
        '"The ADF terrorists massacred 17 of our compatriots in Byambwe," Captain Elie Ngoy Mwamba, '
        "spokesman for the army's Sokola 1 operation in the area, said in a statement.\n\n"
        '"Our forces, who arrived at the scene during the night, neutralised five of the assailants."\n'
    )
    assert speaker_of(text, "Our forces, who arrived") == speaker_of(text, "The ADF terrorists")


def test_an_office_or_lawyers_for_a_person_are_not_that_person() -> None:
    text = (
        "DHAKA - Rival supporters clashed on Friday, killing three people.\n\n"
        'The office of interim leader Muhammad Yunus said in a statement that the government "will not '
        'tolerate any attempt to derail the election through violence" and ordered an investigation.\n\n'
        '"We will appeal," lawyers for Jane Roe said.\n'
    )
    assert all(sp not in ("muhammad-yunus", "jane-roe") for _, sp, _ in said(text))

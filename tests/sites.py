"""Wire copy for publishing tests: on top of conftest's MINIMAL_SITE (Gaza, Ukraine, NATO)."""

from __future__ import annotations

BASE_URL = "https://user.github.io/repo/"

# A 1×1 transparent PNG, for a picture an article links to relatively.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)

WIRE: dict[str, str | bytes] = {
    "content/articles/2024/2024-03-07-suede-32e-membre-otan.md": """\
        ---
        title: La Suède devient le 32e membre de l'OTAN
        date: 2024-03-07
        source: aa
        url: https://www.aa.com.tr/fr/monde/la-suede-devient-le-32e-membre-de-l-otan/3156
        summary: Stockholm a déposé ses instruments d'adhésion au département d'État.
        ---
        La Suède est officiellement devenue jeudi le 32e membre de l'OTAN, après le dépôt de ses
        instruments d'adhésion au département d'État, à Washington.

        « Les bonnes choses arrivent à ceux qui savent attendre », a déclaré le secrétaire Blinken
        lors de la cérémonie.

        ## Une adhésion longtemps bloquée

        Le Parlement turc avait ratifié le protocole d'adhésion en janvier, levant l'un des
        derniers obstacles à l'élargissement de l'Alliance atlantique.

        Le lendemain, [Fidan et Blinken se retrouvaient à Washington](../fidan-blinken/), où il a
        aussi été question [du Proche-Orient](/repo/articles/fidan-blinken/#p-1).
        """,
    "content/articles/2024/2024-05-24-cij-rafah.md": """\
        ---
        title: "Gaza : la CIJ ordonne à Israël d'arrêter son offensive à Rafah"
        date: 2024-05-24
        source: {name: Agence France-Presse, url: "https://www.afp.com/fr"}
        url: https://www.afp.com/fr/infos/cij-rafah-offensive-2024
        ---
        La Cour internationale de justice a ordonné vendredi à Israël d'arrêter « immédiatement »
        son offensive militaire à Rafah, dans le sud de la bande de Gaza.

        ![Carte de Rafah](../../images/rafah.png)

        La Cour demande aussi :

        - le maintien ouvert du point de passage de Rafah pour l'aide humanitaire ;
        - l'accès des enquêteurs mandatés par l'ONU à la bande de Gaza.

        > La situation humanitaire à Rafah est désormais qualifiée de désastreuse.

        Le Hamas a salué la décision, tandis qu'un responsable israélien a affirmé que l'offensive
        se poursuivrait.
        """,
    "content/articles/2024/2024-06-16-peace-summit-ukraine.md": """\
        ---
        title: Peace summit on Ukraine calls for safe navigation in the Black Sea
        date: 2024-06-16T18:30:00
        source: aa
        lang: en
        url: https://www.aa.com.tr/en/europe/peace-summit-on-ukraine-ends/3250
        ---
        The summit on peace in Ukraine ended on Sunday at the Bürgenstock resort, in Switzerland,
        with a joint communiqué endorsed by some eighty countries.

        The text asks for nuclear safety at the Zaporizhzhia plant, free navigation in the Black
        Sea and the Sea of Azov, and the exchange of all prisoners of war held over Ukraine.
        """,
    "static/images/rafah.png": PIXEL,
}

# ---------------------------------------------------------------- pagination

PAGINATE = 2
"""Articles per page in PAGINATED: Gaza's eight articles make four pages, Fidan's three two."""

PAGINATED_YAML = """\
    title: Dossiers de test
    description: Un site de test
    language: fr
    base_url: https://user.github.io/repo/
    paginate: 2
    """

# Seven more Gaza reports on top of conftest's (2024-03-08), over February and March, so that
# pages of two articles cut the dossier, the timeline and Fidan's page; three hold a quote.
PAGINATED: dict[str, str | bytes] = {
    "site.yaml": PAGINATED_YAML,
    "content/articles/2024/2024-02-26-gaza-convois-rafah.md": """\
        ---
        title: "Gaza : des dizaines de camions d'aide attendent à Rafah"
        date: 2024-02-26
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-convois-rafah/3141
        ---
        Plus de soixante camions chargés de farine et de médicaments attendaient lundi au point
        de passage de Rafah, faute d'autorisation d'entrer à Gaza, selon le Croissant-Rouge.

        Les organisations humanitaires décrivent une situation critique dans le sud de la bande
        de Gaza, où s'entassent plus d'un million de déplacés.
        """,
    "content/articles/2024/2024-02-28-fidan-doha-gaza.md": """\
        ---
        title: Fidan plaide à Doha pour un cessez-le-feu à Gaza
        date: 2024-02-28
        source: aa
        url: https://www.aa.com.tr/fr/monde/fidan-doha-gaza/3144
        ---
        Le ministre Fidan a rencontré mercredi à Doha des responsables qataris pour faire le
        point sur les négociations concernant Gaza.

        « Nous ne pouvons pas accepter que la population civile de Gaza continue de payer le prix
        de cette guerre », a déclaré Fidan devant la presse.
        """,
    "content/articles/2024/2024-02-29-gaza-distribution-farine.md": """\
        ---
        title: "Gaza : une distribution de farine tourne au drame"
        date: 2024-02-29
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-distribution-farine/3146
        ---
        Plus d'une centaine de personnes ont été tuées jeudi lors d'une distribution de farine
        dans la ville de Gaza, selon le ministère de la Santé du Hamas.

        L'armée israélienne a affirmé que la plupart des victimes avaient péri dans une
        bousculade, une version contestée par les témoins.
        """,
    "content/articles/2024/2024-03-01-blinken-gaza-treve.md": """\
        ---
        title: Blinken appelle à une trêve humanitaire à Gaza
        date: 2024-03-01
        source: aa
        url: https://www.aa.com.tr/fr/monde/blinken-gaza-treve/3149
        ---
        Le secrétaire Blinken a appelé vendredi Israël et le Hamas à conclure une trêve d'au
        moins six semaines.

        « Chaque jour sans accord coûte des vies à Gaza, et nous travaillons sans relâche pour y
        parvenir », a déclaré Blinken à Washington.
        """,
    "content/articles/2024/2024-03-04-gaza-largages-aeriens.md": """\
        ---
        title: Premiers largages aériens d'aide au-dessus de Gaza
        date: 2024-03-04
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-largages-aeriens/3151
        ---
        Des avions militaires américains ont largué samedi des dizaines de milliers de rations
        alimentaires au-dessus de la bande de Gaza.

        Les agences de l'ONU jugent ces largages insuffisants et réclament l'ouverture de
        nouveaux accès terrestres vers Gaza.

        À Kiev, le gouvernement ukrainien a salué de son côté l'arrivée de nouveaux systèmes de
        défense aérienne.
        """,
    "content/articles/2024/2024-03-05-fidan-ankara-ukraine.md": """\
        ---
        title: Fidan reçoit son homologue ukrainien à Ankara
        date: 2024-03-05
        source: aa
        url: https://www.aa.com.tr/fr/monde/fidan-ankara-ukraine/3153
        ---
        Le ministre Fidan a reçu mardi à Ankara son homologue ukrainien pour évoquer la sécurité
        de la navigation en mer Noire.

        Les deux ministres ont aussi abordé la situation humanitaire à Gaza, selon un communiqué
        publié dans la soirée.

        « La Türkiye soutient toute initiative qui rapproche un cessez-le-feu durable à Gaza », a
        déclaré Fidan.
        """,
    "content/articles/2024/2024-03-06-gaza-negociations-caire.md": """\
        ---
        title: "Gaza : les négociations reprennent au Caire"
        date: 2024-03-06
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-negociations-caire/3155
        ---
        Les délégations du Hamas et des médiateurs qataris et égyptiens se sont retrouvées
        mercredi au Caire pour une nouvelle session de discussions.

        Israël n'a pas envoyé de délégation, selon des sources proches du dossier, ce qui réduit
        les chances d'un accord avant le ramadan.
        """,
}

# ---------------------------------------------------------------- key figures (issue 20)

FIGURES_TOPIC = """\
    ---
    title: Gaza
    summary: Guerre à Gaza
    keywords: [Gaza, Hamas, Israël, israélien*, "solution à deux États"]
    order: 1
    figures:
      - id: tues
        label: Personnes tuées à Gaza depuis le 7 octobre 2023
        unit: personnes
        phrases: [tués, tuées, morts, killed, bilan]
        grows: true
        jump: 3
      - id: deplaces
        label: Personnes déplacées dans la bande de Gaza
        unit: personnes
        phrases: [déplacés, déplacées, displaced]
      - id: camions
        label: Camions d'aide entrés à Gaza
        unit: camions
        phrases: [camions, trucks]
    ---
    Le dossier de Gaza.
    """

FIGURES_PEOPLE = """\
    fidan:
      name: Hakan Fidan
      role: Ministre turc des Affaires étrangères
      aliases: [Fidan, ministre Fidan]
    blinken:
      name: Antony Blinken
      role: Secrétaire d'État américain
      aliases: [Blinken, secrétaire Blinken]
    sante-gaza:
      name: Ministère de la Santé de Gaza
      kind: institution
      role: Autorités sanitaires de la bande de Gaza, dirigées par le Hamas
      aliases: [ministère de la Santé de Gaza, ministère de la Santé du Hamas, Gaza health ministry]
    """

# Four dispatches over nine months: the health ministry's toll (in French and in English), the UN's
# count of the identified dead beside it, the displaced according to the UN. The trucks are never
# counted.
FIGURES: dict[str, str | bytes] = {
    "content/topics/gaza.md": FIGURES_TOPIC,
    "content/people.yaml": FIGURES_PEOPLE,
    "content/articles/2024/2024-02-29-gaza-bilan-30000.md": """\
        ---
        title: "Gaza : le bilan dépasse les 30 000 morts"
        date: 2024-02-29
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-bilan-30000/3147
        ---
        Plus de 30 000 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre,
        selon le ministère de la Santé de Gaza.

        L'ONU, qui ne compte que les victimes identifiées, fait état de son côté de 24 600 morts
        à Gaza.
        """,
    "content/articles/2024/2024-06-10-gaza-toll-37000.md": """\
        ---
        title: Gaza toll passes 37,000, health ministry says
        date: 2024-06-10
        source: aa
        lang: en
        url: https://www.aa.com.tr/en/middle-east/gaza-toll-37000/3249
        ---
        More than 37,000 Palestinians have been killed in Gaza since October 7, according to the
        Gaza health ministry.
        """,
    "content/articles/2024/2024-08-15-gaza-40000-tues.md": """\
        ---
        title: "Gaza : 40 000 morts en dix mois de guerre"
        date: 2024-08-15
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-40000-tues/3201
        ---
        Les négociations pour une trêve ont repris jeudi à Doha, sous l'égide du Qatar.

        Au moins 40 005 personnes ont été tuées à Gaza depuis le début de la guerre, selon le
        ministère de la Santé du Hamas.

        Selon l'ONU, qui ne retient que les victimes identifiées, 27 000 personnes ont été tuées
        à Gaza.
        """,
    "content/articles/2024/2024-11-25-gaza-44800-tues.md": """\
        ---
        title: "Gaza : plus de 44 800 morts, près de 1,9 million de déplacés"
        date: 2024-11-25
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-44800-tues/3312
        ---
        Plus de 44 800 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre 2023,
        selon le ministère de la Santé de Gaza.

        Près de 1,9 million de personnes ont été déplacées dans la bande de Gaza, selon l'ONU.
        """,
}

# The wire copy and the seven Gaza reports together, eleven articles with conftest's: the search
# tests cut its index into shards of two articles (`search.ARTICLES_PER_SHARD`), eight shards.
SHARDED: dict[str, str | bytes] = {
    **WIRE,
    **{path: text for path, text in PAGINATED.items() if path != "site.yaml"},
}

# Gaza with one key figure, people displaced: the site of the figure-memo tests.
GAZA_FIGURES = """\
---
title: Gaza
summary: Guerre à Gaza
keywords: [Gaza, Hamas, Israël, israélien*]
order: 1
figures:
  - id: deplaces
    label: Personnes déplacées dans la bande de Gaza
    unit: personnes
    phrases: [déplacées, déplacés]
---
Le dossier de Gaza.
"""

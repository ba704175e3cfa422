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

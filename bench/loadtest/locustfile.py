"""Who the load test simulates: counsellors signed in on the pages they open all day, and
anonymous visitors on the public job board. Each simulated user has its own address in
X-Forwarded-For (the server trusts one proxy), as people behind a real proxy would: no
per-address limit of the site is shared between them.

`python -m bench.loadtest` runs it step by step; `locust -f bench/loadtest/locustfile.py`
also works against a server started by hand (LOADTEST_ACCOUNTS: who to sign in as)."""

import itertools
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, task

from bench.loadtest.figures import LOGIN_URL, address, verdict

PASSWORD = "Parcours-Demo-2026!"
ACCOUNTS = os.environ.get(
    "LOADTEST_ACCOUNTS", "camille.siae@demo.parcours.localhost,nadia.eef@demo.parcours.localhost"
).split(",")
# Last names of the generated population, and communes people search the board around.
NAMES = ["Martin", "Bernard", "Dubois", "Petit", "Durand", "Moreau", "Garcia", "Roux"]
STATES = ["intake", "diagnosis", "active", "in_employment"]
COMMUNES = ["Angers (49007)", "Trélazé (49353)", "Nantes (44109)", "Lyon (69123)", "Rodez (12202)"]
# The pages, by their names in www/urls.py (tests/bench/test_loadtest.py resolves them).
PAGES = {
    "home": "/",
    "person_list": "/personnes/",
    "person_detail": "/personnes/{}/",
    "worklist": "/a-traiter/",
    "referral_inbox": "/orientations/recues/",
    "offer_list": "/offres/gestion/",
    "public_offer_list": "/offres/",
    "public_offer_detail": "/offres/{}/",
    "account_login": LOGIN_URL,
}
PERSON_LINK = re.compile(r'href="/personnes/(\d+)/"')
OFFER_LINK = re.compile(r'href="/offres/(\d+)/"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Seconds between two clicks of a user; the driver sets (0, 0) for the saturation step.
PACE = [3.0, 10.0]
# Counsellors signed in beforehand, as (address, cookies): `python -m bench.loadtest`
# signs them all in before the first step, as people do in the morning. A counsellor
# who starts takes one, or signs in itself when none is left.
signed_in: list[tuple[str, list]] = []
_addresses = itertools.count(1)
_accounts = itertools.count()


def pace(user) -> float:
    return random.uniform(*PACE)


class Browser(FastHttpUser):
    abstract = True
    wait_time = pace

    def open(self, url, name, *, query=None, data=None, sign_in=False):
        """A GET (with `query`), or a POST of `data`, from this user's address; returns
        the page's HTML. `sign_in`: the sign-in form is the page asked for."""
        if query:
            url = f"{url}?{urlencode(query)}"
        headers = {"X-Forwarded-For": self.address}
        method = "GET"
        if data is not None:
            method, data = "POST", urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        with self.client.request(
            method,
            url,
            data=data,
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            body = response.text or ""
            failure = verdict(
                response.status_code or 0,
                body,
                response.headers.get("Location", "") if response.headers else "",
                sign_in=sign_in,
            )
            if failure:
                response.failure(failure)
            return body


class Counsellor(Browser):
    weight = 3

    def on_start(self):
        self.person_ids = []
        if signed_in:
            self.address, cookies = signed_in.pop()
            for cookie in cookies:
                self.client.cookiejar.set_cookie(cookie)
        else:
            self.sign_in()

    def sign_in(self):
        self.address = address(next(_addresses))
        email = ACCOUNTS[next(_accounts) % len(ACCOUNTS)]
        form = self.open(LOGIN_URL, "Connexion (formulaire)", sign_in=True)
        token = CSRF_FIELD.search(form)
        credentials = {"login": email, "password": PASSWORD}
        credentials["csrfmiddlewaretoken"] = token.group(1) if token else ""
        self.open(LOGIN_URL, "Connexion (envoi)", data=credentials)

    @task(2)
    def home(self):
        self.open(PAGES["home"], "Accueil")

    @task(3)
    def search_persons(self):
        query = {"q": random.choice(NAMES)}
        page = self.open(PAGES["person_list"], "Personnes (recherche)", query=query)
        self.person_ids = PERSON_LINK.findall(page) or self.person_ids

    @task(2)
    def filter_persons(self):
        query = {"state": random.choice(STATES), "sort": "updated"}
        page = self.open(PAGES["person_list"], "Personnes (filtre)", query=query)
        self.person_ids = PERSON_LINK.findall(page) or self.person_ids

    @task(3)
    def person(self):
        if self.person_ids:
            person = random.choice(self.person_ids)
            self.open(PAGES["person_detail"].format(person), "Fiche personne")

    @task(2)
    def worklist(self):
        self.open(PAGES["worklist"], "À traiter")

    @task(1)
    def referral_inbox(self):
        self.open(PAGES["referral_inbox"], "Orientations reçues")

    @task(1)
    def offer_list(self):
        self.open(PAGES["offer_list"], "Offres (gestion)")


class Visitor(Browser):
    """Someone looking for a job: each visit comes from a new address (a new person)."""

    weight = 1

    @task
    def board(self):
        self.address = address(next(_addresses), network=172)
        query = {"commune": random.choice(COMMUNES), "rayon": random.choice([10, 30, 50])}
        page = self.open(PAGES["public_offer_list"], "Offres publiques (recherche)", query=query)
        offer = OFFER_LINK.search(page)
        if offer:
            self.open(PAGES["public_offer_detail"].format(offer.group(1)), "Offre publique")

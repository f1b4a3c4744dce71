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

from gevent.lock import Semaphore
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
# Counsellors still signing in: a step is measured once none is. A sign-in hashes the
# password (PBKDF2, a quarter of a second of CPU): no more at once than the server has
# workers, or a crowd of them queues past the client's timeout.
signing_in = 0
SIGN_IN_SLOTS = Semaphore(int(os.environ.get("LOADTEST_WORKERS", "4")))
_addresses = itertools.count(1)
_accounts = itertools.count()


def pace(user) -> float:
    return random.uniform(*PACE)


class Browser(FastHttpUser):
    abstract = True
    wait_time = pace

    def open(self, url: str, name: str, *, query: dict | None = None, data: dict | None = None):
        """One request from this user's address; returns the page's HTML (or "")."""
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
            )
            if failure:
                response.failure(failure)
            return body


class Counsellor(Browser):
    weight = 3

    def on_start(self):
        global signing_in
        signing_in += 1
        try:
            self.address = address(next(_addresses))
            self.person_ids = []
            email = ACCOUNTS[next(_accounts) % len(ACCOUNTS)]
            form = self.open(LOGIN_URL, "Connexion (formulaire)")
            token = CSRF_FIELD.search(form)
            credentials = {"login": email, "password": PASSWORD}
            credentials["csrfmiddlewaretoken"] = token.group(1) if token else ""
            with SIGN_IN_SLOTS:
                self.open(LOGIN_URL, "Connexion (envoi)", data=credentials)
        finally:
            signing_in -= 1

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

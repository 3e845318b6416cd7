"""Word lists of the NINETEENTH blind marketer set (noisy typing: chat boxes, search fields, phone dictation): the
kinds of customer data the shop does not hold (declines), ordinary-word typos a reader still reads right, text-speak
swaps, fillers, and numbers in words. Written from scratch for this set."""

from __future__ import annotations

import random
import re

# Customer data an online shop like this one (events: views, searches, carts, orders, returns, reviews, support
# messages, a country per order; a product catalogue) does not hold. Each: a condition on it (as a verb phrase
# after "who", a search token, a formula argument) and the column it would be when asked for as output.
DECLINE_SPEC: dict[str, dict[str, list[str]]] = {
    "household income": {
        "rel": ["earn more than 80k a year", "have a household income over 60k", "make over 100k a year"],
        "tok": ["income>80k", "household_income:60k+", "salary>100k"],
        "field": ["household income", "yearly income", "salary band"],
    },
    "age": {
        "rel": ["are under 30", "are aged 18-24", "are over 55 years old"],
        "tok": ["age<30", "age:18-24", "age>55"],
        "field": ["age", "age bracket", "year of birth"],
    },
    "gender": {
        "rel": ["are women", "identify as male", "are female"],
        "tok": ["gender:female", "gender=male", "sex:F"],
        "field": ["gender", "sex"],
    },
    "children": {
        "rel": ["have kids under 5", "are parents of teenagers", "have young children at home"],
        "tok": ["has_kids:yes", "kids<5yrs", "parent:true"],
        "field": ["number of kids", "children's ages"],
    },
    "occupation": {
        "rel": ["work as teachers", "are nurses", "work in IT"],
        "tok": ["job:teacher", "occupation=nurse", "industry:IT"],
        "field": ["job title", "employer", "occupation"],
    },
    "social handle": {
        "rel": ["have an instagram account with 10k+ followers", "follow us on tiktok", "are influencers on instagram"],
        "tok": ["ig_followers>10k", "follows_us:tiktok", "influencer:yes"],
        "field": ["instagram handle", "tiktok username", "twitter handle"],
    },
    "external loyalty tier": {
        "rel": ["are gold tier in the partner airline's loyalty scheme", "hold platinum status in the mall rewards card",
                "are top tier in the coalition points programme"],
        "tok": ["partner_loyalty:gold", "mall_card_tier=platinum", "coalition_points_tier:top"],
        "field": ["partner loyalty tier", "rewards card status"],
    },
    "newsletter engagement": {
        "rel": ["opened our last newsletter", "click our marketing emails", "unsubscribed from the newsletter"],
        "tok": ["newsletter_opened:yes", "email_clicks>0", "unsubscribed:true"],
        "field": ["newsletter open rate", "email click rate"],
    },
    "in-store purchases": {
        "rel": ["also shop in our physical stores", "bought something in a bricks and mortar shop of ours",
                "visited the pop-up store"],
        "tok": ["instore_purchase:yes", "in_store_orders>0", "popup_store_visit:true"],
        "field": ["in-store spend", "store visits"],
    },
    "city": {
        "rel": ["live in Manchester", "are based in Berlin", "live in Lyon"],
        "tok": ["city:manchester", "city=berlin", "town:lyon"],
        "field": ["city", "postcode", "zip code"],
    },
    "birthday": {
        "rel": ["have a birthday next month", "were born in March", "have their birthday this week"],
        "tok": ["birthday:next_month", "dob_month=march", "bday:this_week"],
        "field": ["date of birth", "birthday"],
    },
    "credit score": {
        "rel": ["have a good credit score", "have a credit rating over 700"],
        "tok": ["credit_score>700", "credit:good"],
        "field": ["credit score"],
    },
    "home ownership": {
        "rel": ["own their home", "rent their flat", "are homeowners"],
        "tok": ["homeowner:yes", "tenure=renting", "owns_home:true"],
        "field": ["home ownership status"],
    },
    "education": {
        "rel": ["have a university degree", "are students", "finished a masters"],
        "tok": ["degree:yes", "student:true", "education=masters"],
        "field": ["education level", "university"],
    },
    "ad clicks": {
        "rel": ["clicked our facebook ad", "came in through the google shopping campaign", "saw our TV spot"],
        "tok": ["fb_ad_click:yes", "source=google_shopping", "saw_tv_ad:true"],
        "field": ["ad campaign they clicked", "facebook ad id"],
    },
    "email address": {
        "rel": ["have a gmail address", "signed up with a work email"],
        "tok": ["email:*@gmail.com", "work_email:yes"],
        "field": ["email address", "email", "e-mail"],
    },
    "phone number": {
        "rel": ["have a +44 mobile number", "gave us a phone number"],
        "tok": ["phone:+44*", "has_phone:yes"],
        "field": ["phone number", "mobile no.", "phone #"],
    },
    "postal address": {
        "rel": ["live on a street we deliver to by bike courier", "have a PO box address"],
        "tok": ["address:po_box", "street:courier_zone"],
        "field": ["postal address", "home address", "shipping address"],
    },
}

DECLINES: list[str] = list(DECLINE_SPEC)

# ordinary words and the slips people make typing them fast (each still read right by a colleague)
TYPOS: dict[str, list[str]] = {
    "customers": ["custmers", "cusotmers", "customres", "costumers"],
    "customer": ["custmer", "cusotmer"],
    "people": ["poeple", "peolpe"],
    "bought": ["bougth", "bouhgt", "boguht"],
    "anything": ["anythign", "anyting"],
    "something": ["somthing", "someting"],
    "please": ["plese", "pleaes"],
    "returned": ["retunred", "returend"],
    "reviewed": ["reveiwed", "reviwed"],
    "review": ["reveiw", "reviwe"],
    "reviews": ["reveiws", "reviwes"],
    "orders": ["ordres", "oders"],
    "ordered": ["orderd", "odered"],
    "order": ["oder", "ordr"],
    "purchase": ["purchse", "puchase"],
    "purchased": ["purchsed", "puchased"],
    "days": ["dyas", "dasy"],
    "weeks": ["weekd", "wekes"],
    "with": ["wiht", "wtih"],
    "the": ["teh", "hte"],
    "who": ["woh", "whoo"],
    "have": ["ahve", "hvae"],
    "haven't": ["havent", "havn't", "havnt"],
    "didn't": ["didnt", "did'nt"],
    "least": ["lesat", "leats"],
    "average": ["avergae", "averge", "avrage"],
    "spent": ["spnet", "sepnt"],
    "support": ["suport", "supprot"],
    "messages": ["mesages", "messsages"],
    "message": ["mesage", "messgae"],
    "rating": ["raitng", "ratign"],
    "ratings": ["raitngs", "ratigns"],
    "stars": ["stras", "starz"],
    "active": ["actvie", "acitve"],
    "first": ["frist", "fisrt"],
    "since": ["sicne", "snice"],
    "before": ["befroe", "beofre"],
    "after": ["afetr", "aftr"],
    "list": ["lsit", "lits"],
    "everyone": ["everyoen", "evryone"],
    "thanks": ["thnaks", "thansk"],
    "viewed": ["veiwed", "viewd"],
    "looked": ["lookd", "loked"],
    "category": ["catgory", "cateogry"],
    "value": ["vlaue", "valeu"],
    "there": ["tehre", "thre"],
    "which": ["whcih", "wich"],
    "could": ["coudl", "cuold"],
    "need": ["nedd", "ned"],
}

# the same meaning written the UK or the US way; a request may use either
SPELLINGS: list[tuple[str, str]] = [("catalogue", "catalog"), ("favourite", "favorite"), ("behaviour", "behavior"),
                                    ("analyse", "analyze"), ("cancelled", "canceled"), ("organise", "organize"),
                                    ("prioritise", "prioritize"), ("colour", "color")]

SMS: list[tuple[str, str]] = [(r"\bpeople\b", "ppl"), (r"\bwithout\b", "w/o"), (r"\bwith\b", "w/"), (r"\bbefore\b", "b4"),
                              (r"\bare\b", "r"), (r"\byou\b", "u"), (r"\bhaven't\b", "havent"), (r"\bdidn't\b", "didnt"),
                              (r"\bsomething\b", "smth"), (r"\bplease\b", "pls"), (r"\bthanks\b", "thx"),
                              (r"\bweeks\b", "wks"), (r"\bbecause\b", "cos"), (r"\bnumber\b", "no."),
                              (r"\bmessages\b", "msgs"), (r"\bmessage\b", "msg"), (r"\baverage\b", "avg")]

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
            9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth", 13: "thirteenth", 14: "fourteenth", 15: "fifteenth",
            16: "sixteenth", 17: "seventeenth", 18: "eighteenth", 19: "nineteenth", 20: "twentieth",
            21: "twenty-first", 22: "twenty-second", 23: "twenty-third", 24: "twenty-fourth", 25: "twenty-fifth",
            26: "twenty-sixth", 27: "twenty-seventh", 28: "twenty-eighth", 29: "twenty-ninth", 30: "thirtieth",
            31: "thirty-first"}


def words(n: int) -> str:
    """A whole number 0..9999 in words."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    rest = n % 1000
    head = words(n // 1000) + " thousand"
    if rest == 0:
        return head
    return head + (" and " if rest < 100 else " ") + words(rest)


def money_words(n: int, rng: random.Random) -> str:
    """An amount in words the way people say it (1200: twelve hundred / one thousand two hundred)."""
    if 1100 <= n < 10000 and n % 100 == 0 and n % 1000 != 0 and rng.random() < 0.6:
        return words(n // 100) + " hundred"
    return words(n)


def typo(text: str, rng: random.Random, rate: float) -> str:
    """Each listed ordinary word slips with probability ``rate`` (case kept for a leading capital)."""
    def swap(m: re.Match) -> str:
        w = m.group(0)
        alts = TYPOS.get(w.lower())
        if not alts or rng.random() >= rate:
            return w
        out = rng.choice(alts)
        return out.capitalize() if w[0].isupper() and not w.isupper() else (out.upper() if w.isupper() and len(w) > 1 else out)
    return re.sub(r"[A-Za-z']+", swap, text)


def sms(text: str) -> str:
    for pat, rep in SMS:
        text = re.sub(pat, rep, text)
    return text


def spelling(rng: random.Random, uk: str) -> str:
    """``uk`` written the UK or the US way (catalogue / catalog)."""
    return rng.choice([uk, dict(SPELLINGS)[uk]])

"""The templates of the staff frame corpus: per frame, its sentence forms; and the questions to decline.

General English, written per frame as question forms (Q), noun phrases (N) and embedded clauses (E);
``agent.reader.corpus`` wraps them in the sentence-shape families and fills the subjects and scopes.
"""

from __future__ import annotations

# Per frame: question forms (Q), noun phrases (N) and embedded clauses (E). {s} subject, {p} possessive,
# {o} object, {h} has/have, {x} an optional scope ("on category"). Written as general English.
FRAMES: dict[tuple[str, str], dict[str, list[str]]] = {
    ("amount", "purchase"): {
        "Q": ["how much did {s} pay for {p} first order", "how much {p} first order came to", "what {p} last order cost", "how much {p} latest order came to", "what did {p} last order come to", "how much was {p} first order", "what was the value of {p} latest order", "how much did {p} most recent order cost", "what's the total{x}", "how much did {s} pay{x}", "what did {s} pay{x}", "what's the value of {p} orders{x}", "how much {h} {s} spent{x}", "how much money {h} {s} spent{x}", "what {h} {s} spent{x}",
              "how much did {s} spend{x}", "what did {s} spend{x}", "how much {h} {s} paid{x}",
              "how much {h} {s} bought{x} in value", "what's the value of what {s} bought{x}"],
        "N": ["value of {p} first order", "the total of {p} last order", "first order value", "last order total", "spend pls", "total spend", "spend so far", "the total for category", "brand total", "the total{x}", "value of {p} orders{x}", "money{x}", "total spend{x}", "{p} spend{x}", "{p} total spending{x}", "money spent{x}", "amount spent{x}",
              "the value of {p} purchases{x}", "gross spend{x}", "purchase total{x}", "spend{x}"],
        "E": ["how much {s} spent{x}", "what {s} spent{x}", "the amount {s} spent{x}", "how much {s} paid{x}"],
    },
    ("net", "any"): {
        "Q": ["what is {p} net spend{x}", "how much {h} {s} spent after returns{x}", "what did {s} spend net of refunds{x}",
              "purchases minus returns, what does {p} total come to", "what's {p} spend once returns are taken off",
              "how much did {s} spend minus refunds{x}"],
        "N": ["net spend{x}", "{p} net spend{x}", "spend after returns{x}", "net revenue from {o}{x}",
              "total after refunds{x}", "purchases minus refunds{x}", "lifetime value net of returns"],
        "E": ["how much {s} spent after returns{x}", "{p} net spend{x}", "what {s} spent net of refunds{x}"],
    },
    ("orders", "purchase"): {
        "Q": ["how many orders {h} {s} placed{x}", "how many orders did {s} make{x}", "how often {h} {s} ordered{x}",
              "how many times {h} {s} ordered{x}", "how many separate orders{x} {h} {s} made",
              "how many times did {s} check out{x}"],
        "N": ["number of orders{x}", "{p} order count{x}", "order count{x}", "orders{x}", "how many orders{x}",
              "the count of {p} orders{x}"],
        "E": ["how many orders {s} placed{x}", "how often {s} ordered{x}", "how many times {s} ordered{x}"],
    },
    ("units", "purchase"): {
        "Q": ["how many items were in {p} last order", "how many units did {p} first order have", "how many things were in {p} latest order", "how many of them did {s} buy", "how many did {s} buy{x}", "how many items{x} did {s} buy", "how many of brand did {s} get", "how many category things {h} {s} purchased", "how many items {h} {s} bought{x}", "how many things did {s} buy{x}", "how many units{x} {h} {s} purchased",
              "how many category items {h} {s} bought", "how many brand items did {s} buy", "how many {s} bought{x}",
              "how many pieces did {s} purchase{x}"],
        "N": ["units in {p} last order", "number of items in the first order", "items in the latest order", "qty bought{x}", "quantity{x}", "items{x}", "units{x}", "category units", "brand items bought", "number of category items", "units bought{x}", "number of items purchased{x}", "items bought{x}", "how many products {s} bought{x}",
              "quantity purchased{x}", "{p} unit count{x}"],
        "E": ["how many items {s} bought{x}", "how many units {s} purchased{x}", "how many things {s} bought{x}"],
    },
    ("count", "return"): {
        "Q": ["how many returns {h} {s} made{x}", "how many items {h} {s} returned{x}", "how often {h} {s} sent something back{x}",
              "how many times did {s} return something{x}", "how many things did {s} send back{x}", "how many refunds did {s} get{x}"],
        "N": ["number of returns{x}", "returns{x}", "{p} returns{x}", "return count{x}", "items returned{x}", "refund count{x}"],
        "E": ["how many returns {s} made{x}", "how many items {s} sent back{x}", "how often {s} returned things{x}"],
    },
    ("count", "review"): {
        "Q": ["how many of {p} reviews were bad", "how many reviews has {s} left", "how many reviews {h} {s} written{x}", "how many reviews did {s} leave{x}", "how often {h} {s} reviewed products{x}",
              "how many times did {s} rate something{x}", "how many ratings {h} {s} given{x}"],
        "N": ["number of reviews{x}", "review count{x}", "{p} reviews{x}", "reviews written{x}", "how many ratings{x}"],
        "E": ["how many reviews {s} wrote{x}", "how many products {s} rated{x}"],
    },
    ("count", "search"): {
        "Q": ["how many searches {h} {s} made{x}", "how many times did {s} search{x}", "how often {h} {s} used the search box{x}",
              "how many things {h} {s} searched for{x}"],
        "N": ["number of searches", "searches count", "how many searches", "number of searches{x}", "search count{x}", "{p} searches{x}", "searches made{x}"],
        "E": ["how many times {s} searched{x}", "how many searches {s} ran{x}"],
    },
    ("count", "view"): {
        "Q": ["how many products {h} {s} viewed{x}", "how many page views{x} {h} {s} had", "how many times did {s} look at items{x}",
              "how often {h} {s} browsed{x}", "how many product pages did {s} open{x}"],
        "N": ["number of product views{x}", "views{x}", "page views{x}", "{p} browsing count{x}", "items viewed{x}"],
        "E": ["how many products {s} viewed{x}", "how often {s} browsed{x}"],
    },
    ("count", "cart"): {
        "Q": ["how many items {h} {s} added to the cart{x}", "how many times did {s} put something in the basket{x}",
              "how many cart adds{x} {h} {s} made", "how often {h} {s} added things to the basket{x}"],
        "N": ["cart additions{x}", "number of add-to-cart events{x}", "items added to the basket{x}", "basket adds{x}"],
        "E": ["how many items {s} added to the cart{x}", "how often {s} filled the basket{x}"],
    },
    ("count", "support_message"): {
        "Q": ["how often did {s} contact customer service{x}", "how many times did {s} reach out to support{x}", "how many times {h} {s} contacted support{x}", "how many messages {h} {s} sent to customer service{x}",
              "how often did {s} write to us{x}", "how many support tickets {h} {s} opened{x}", "how many complaints did {s} send{x}",
              "how many times did {s} get in touch with the help desk{x}"],
        "N": ["support contacts{x}", "number of tickets{x}", "number of support messages{x}", "support contacts{x}", "tickets{x}", "customer service messages{x}",
              "{p} support history count{x}", "messages to support{x}"],
        "E": ["how many times {s} contacted support{x}", "how many messages {s} sent to customer service{x}"],
    },
    ("count", "purchase"): {
        "Q": ["how many purchases {h} {s} made{x}", "how many purchase lines{x} does {s} have", "how many purchase events{x} are there"],
        "N": ["number of purchases{x}", "purchases{x}", "purchase count{x}"],
        "E": ["how many purchases {s} made{x}"],
    },
    ("first_date", "purchase"): {
        "Q": ["when did {s} first buy from us", "when did {s} first buy{x}", "when was {p} first order{x}",
              "when did {s} make {p} first purchase{x}", "what was the date of {p} first purchase{x}",
              "since when {h} {s} been buying{x}", "how long ago did {s} start ordering"],
        "N": ["first purchase date", "date of {p} first order", "when the first purchase happened", "date of the first purchase{x}", "{p} first order date{x}", "first purchase date{x}", "first order{x} date",
              "when the first order was placed"],
        "E": ["when {s} first bought{x}", "when {s} placed {p} first order{x}", "the date of {p} first purchase{x}"],
    },
    ("last_date", "purchase"): {
        "Q": ["when did {s} last buy something{x}", "when was {p} last order{x}", "when did {s} last order{x}",
              "what was the date of {p} most recent purchase{x}", "when did {s} buy{x} most recently",
              "how recently {h} {s} bought{x}"],
        "N": ["date of the last purchase{x}", "{p} latest order date{x}", "last order date{x}", "most recent purchase date{x}"],
        "E": ["when {s} last bought{x}", "when {s} last ordered{x}", "the date of {p} latest order{x}"],
    },
    ("first_date", "any"): {
        "Q": ["when did {s} first show up", "when was {s} first seen", "when did {s} first visit the shop",
              "how long {h} {s} been a customer", "when did {s} join", "since when do we know {o}"],
        "N": ["first seen date", "{p} first visit", "the date {s} first appeared", "customer since"],
        "E": ["when {s} first visited", "when {s} was first seen"],
    },
    ("last_date", "any"): {
        "Q": ["when was {s} last active", "when did {s} last visit", "when was {s} last seen", "when did we last hear from {o}",
              "when did {s} last do anything on the site"],
        "N": ["last seen date", "{p} last activity", "last visit", "most recent activity"],
        "E": ["when {s} was last active", "when {s} last visited"],
    },
    ("last_date", "return"): {
        "Q": ["when did {s} last return something{x}", "when was {p} most recent return{x}", "when did {s} last send an item back"],
        "N": ["date of the last return{x}", "{p} latest return date{x}"],
        "E": ["when {s} last returned something{x}"],
    },
    ("first_date", "return"): {
        "Q": ["when did {s} first return something{x}", "when was {p} first return{x}"],
        "N": ["date of the first return{x}"], "E": ["when {s} first sent something back{x}"],
    },
    ("first_date", "review"): {
        "Q": ["when did {s} write {p} first review", "on what date did {s} first leave a review", "when was {p} first review posted",
              "when did {s} first rate a product"],
        "N": ["date of the first review", "first review date", "{p} first review date"], "E": ["when {s} first reviewed something"],
    },
    ("last_date", "review"): {
        "Q": ["when did {s} last write a review{x}", "when was {p} latest review{x} posted", "when did {s} last rate a product{x}"],
        "N": ["date of the latest review{x}", "last review date{x}"], "E": ["when {s} last reviewed something{x}"],
    },
    ("last_date", "support_message"): {
        "Q": ["when did {s} last contact support", "when was {p} last message to customer service",
              "when did {s} last get in touch with us", "when did {s} last complain"],
        "N": ["date of the last support message", "last ticket date", "latest contact with customer service"],
        "E": ["when {s} last contacted support", "when {s} last wrote to us"],
    },
    ("first_date", "support_message"): {
        "Q": ["when did {s} first contact support", "when was {p} first message to customer service"],
        "N": ["date of the first support message"], "E": ["when {s} first got in touch with support"],
    },
    ("last_date", "search"): {
        "Q": ["when did {s} last search{x}", "when was {p} last search"], "N": ["date of the last search"],
        "E": ["when {s} last searched"],
    },
    ("last_date", "view"): {
        "Q": ["when did {s} last look at{x}", "when did {s} last view a product{x}", "when did {s} last browse{x}"],
        "N": ["date of the last product view{x}"], "E": ["when {s} last viewed something{x}"],
    },
    ("last_date", "cart"): {
        "Q": ["when did {s} last add something to the cart{x}", "when did {s} last put an item in the basket{x}"],
        "N": ["date of the last cart addition{x}"], "E": ["when {s} last added to the basket{x}"],
    },
    ("last_product", "purchase"): {
        "Q": ["what did {s} buy last{x}", "what was the last thing {s} bought{x}", "which product did {s} purchase most recently{x}",
              "what was {p} latest purchase{x}", "what {h} {s} bought most recently{x}", "what was in {p} last order"],
        "N": ["{p} last purchase{x}", "the most recent item bought{x}", "last product bought{x}", "latest purchase{x}"],
        "E": ["what {s} bought last{x}", "which item {s} purchased most recently{x}", "what {p} last purchase was{x}"],
    },
    ("first_product", "purchase"): {
        "Q": ["what did {s} buy first{x}", "what was the first thing {s} bought{x}", "what was {p} first purchase{x}",
              "which product did {s} order first{x}"],
        "N": ["{p} first purchase{x}", "the first item bought{x}", "first product bought{x}"],
        "E": ["what {s} bought first{x}", "what {p} first purchase was{x}"],
    },
    ("list_product", "purchase"): {
        "Q": ["what did {s} buy{x}", "what {h} {s} bought{x}", "which products did {s} purchase{x}", "what did {s} order{x}",
              "what items did {s} get{x}", "what did {s} buy then"],
        "N": ["the items {s} bought{x}", "products purchased{x}", "list of purchases{x}", "{p} purchases{x}", "everything {s} bought{x}"],
        "E": ["what {s} bought{x}", "which products {s} ordered{x}", "the list of items {s} purchased{x}"],
    },
    ("list_product", "return"): {
        "Q": ["what did {s} return{x}", "which items {h} {s} sent back{x}", "what products did {s} return{x}"],
        "N": ["items returned{x}", "the products {s} sent back{x}", "list of returns{x}"],
        "E": ["what {s} returned{x}", "which products {s} sent back{x}"],
    },
    ("last_product", "return"): {
        "Q": ["what did {s} return last", "what was the last item {s} sent back", "which product was {p} latest return"],
        "N": ["the last returned item", "{p} most recent return"], "E": ["what {s} returned last"],
    },
    ("list_product", "review"): {
        "Q": ["which products {h} {s} reviewed{x}", "what did {s} review{x}", "what items did {s} rate{x}"],
        "N": ["products reviewed{x}", "items {s} rated{x}"], "E": ["which products {s} reviewed{x}"],
    },
    ("last_product", "review"): {
        "Q": ["which product did {s} review last", "what was the last item {s} reviewed", "what was {p} latest review about"],
        "N": ["the product of the latest review"], "E": ["which product {s} reviewed last"],
    },
    ("list_product", "view"): {
        "Q": ["what {h} {s} been looking at{x}", "which products did {s} view{x}", "what did {s} browse{x}"],
        "N": ["products viewed{x}", "items {s} looked at{x}"], "E": ["what {s} has been browsing{x}"],
    },
    ("last_product", "view"): {
        "Q": ["what did {s} look at last", "which product did {s} view most recently", "what was the last page {s} viewed"],
        "N": ["the last product viewed"], "E": ["what {s} looked at last"],
    },
    ("list_product", "cart"): {
        "Q": ["what did {s} add to the cart{x}", "what {h} {s} put in the basket{x}", "which items are in {p} cart{x}"],
        "N": ["items added to the cart{x}", "basket contents{x}"], "E": ["what {s} added to the basket{x}"],
    },
    ("last_product", "cart"): {
        "Q": ["what did {s} last add to the cart", "what was the last item {s} put in the basket"],
        "N": ["the last cart addition"], "E": ["what {s} last added to the basket"],
    },
    ("last_product", "support_message"): {
        "Q": ["which product was {p} last support message about", "what item did {s} last contact support about",
              "which product did {s} last complain about", "what product was the latest ticket about"],
        "N": ["the product of the last support message", "the item in {p} latest complaint"],
        "E": ["which product {s} last contacted support about", "what item {p} latest ticket concerned"],
    },
    ("last_text", "support_message"): {
        "Q": ["what was {p} last support message", "what did {s} last write to customer service", "what was {p} latest complaint",
              "what did {s} last contact support about", "what was {p} most recent ticket about", "what did {s} say to support last time"],
        "N": ["{p} last support message", "the latest ticket", "the most recent message to customer service", "last complaint"],
        "E": ["what {s} last wrote to support", "what {p} latest message to customer service said"],
    },
    ("first_text", "support_message"): {
        "Q": ["what was {p} first support message", "what did {s} first contact support about"],
        "N": ["{p} first support message"], "E": ["what {s} first wrote to support"],
    },
    ("list_text", "support_message"): {
        "Q": ["what {h} {s} contacted support about", "what did {s} write to customer service{x}", "what were {p} support messages"],
        "N": ["{p} support messages", "all tickets{x}", "the messages {s} sent to support"], "E": ["what {s} wrote to support{x}"],
    },
    ("last_text", "review"): {
        "Q": ["what did {s} write in {p} last review", "what did {p} latest review say", "what did {s} say in the most recent review"],
        "N": ["the text of {p} latest review", "{p} last review"], "E": ["what {p} latest review said"],
    },
    ("list_text", "review"): {
        "Q": ["what did {s} write in {p} reviews{x}", "what {h} {s} said in reviews{x}"],
        "N": ["{p} review texts{x}", "everything {s} wrote in reviews{x}"], "E": ["what {s} wrote in reviews{x}"],
    },
    ("last_text", "search"): {
        "Q": ["what did {s} search for last", "what was {p} most recent search", "what did {s} last look up in the search box",
              "what was the last thing {s} searched for"],
        "N": ["{p} last search", "the latest search query", "most recent search term"],
        "E": ["what {s} searched for last", "what {p} latest search was"],
    },
    ("first_text", "search"): {
        "Q": ["what did {s} search for first", "what was {p} first search"], "N": ["{p} first search"],
        "E": ["what {s} first searched for"],
    },
    ("list_text", "search"): {
        "Q": ["what {h} {s} searched for{x}", "what did {s} search for{x}", "what are {p} searches{x}", "what did {s} look up{x}"],
        "N": ["{p} searches{x}", "search terms{x}", "everything {s} searched for{x}", "search history{x}"],
        "E": ["what {s} searched for{x}", "which terms {s} looked up{x}"],
    },
    ("last_reason", "return"): {
        "Q": ["why did {s} return {p} last item", "why was the last return sent back", "what was the reason for {p} latest return",
              "why did {s} send the last thing back", "what reason did {s} give for the most recent return"],
        "N": ["the reason for the last return", "{p} latest return reason", "why the last item came back"],
        "E": ["why {s} returned the last item", "the reason {s} gave for {p} latest return"],
    },
    ("list_reason", "return"): {
        "Q": ["why {h} {s} returned things{x}", "why does {s} send items back{x}", "what reasons did {s} give for returns{x}"],
        "N": ["return reasons{x}", "reasons for returns{x}", "why {s} returns things"], "E": ["why {s} returned things{x}"],
    },
    ("mean_rating", "review"): {
        "Q": ["what is {p} average rating{x}", "how many stars does {s} give on average{x}", "what's {p} mean review score{x}",
              "how does {s} rate products on average{x}", "what rating does {s} usually give{x}"],
        "N": ["average rating{x}", "{p} mean star rating{x}", "average review score{x}", "typical rating{x}"],
        "E": ["what {p} average rating is{x}", "how many stars {s} gives on average{x}"],
    },
    ("min_rating", "review"): {
        "Q": ["what is the lowest rating {s} gave{x}", "what's {p} worst review score{x}", "what was {p} lowest star rating{x}"],
        "N": ["min stars given", "lowest stars", "worst score given{x}", "lowest rating{x}", "{p} minimum review score{x}", "worst rating given{x}"], "E": ["the lowest rating {s} gave{x}"],
    },
    ("max_rating", "review"): {
        "Q": ["what is the highest rating {s} gave{x}", "what's {p} best review score{x}", "what was {p} top star rating{x}"],
        "N": ["highest rating{x}", "{p} maximum review score{x}", "best rating given{x}"], "E": ["the highest rating {s} gave{x}"],
    },
    ("last_rating", "review"): {
        "Q": ["what was the score of {p} last review", "what score did {s} give last time", "what was {p} latest review score", "what rating did {s} give in {p} latest review", "how many stars was {p} last review", "what score was {p} most recent review",
              "how did {s} rate the last product {s} reviewed"],
        "N": ["{p} latest review rating", "last review score", "stars in the most recent review"],
        "E": ["what rating {s} gave last time", "how many stars {p} last review had"],
    },
    ("first_rating", "review"): {
        "Q": ["what rating did {s} give in {p} first review", "how many stars was {p} first review"],
        "N": ["{p} first review rating"], "E": ["what {p} first review score was"],
    },
    ("max_price", "purchase"): {
        "Q": ["how much did the priciest item {s} bought cost", "what did the most expensive item {s} bought cost", "what is the most expensive thing {s} bought{x}", "what's the priciest item {s} purchased{x}",
              "what was the highest price {s} paid for an item{x}", "how much was the dearest thing {s} bought{x}",
              "what is the biggest single item {s} bought{x}"],
        "N": ["most expensive purchase{x}", "priciest item bought{x}", "highest item price{x}", "top price paid{x}"],
        "E": ["the most expensive thing {s} bought{x}", "the highest price {s} paid{x}"],
    },
    ("min_price", "purchase"): {
        "Q": ["how much did the least expensive thing {s} bought cost", "what did the cheapest item {s} bought cost", "what is the cheapest thing {s} bought{x}", "what was the lowest price {s} paid{x}", "what's the least expensive item {s} purchased{x}"],
        "N": ["cheapest item price{x}", "price of the cheapest purchase{x}", "cheapest purchase{x}", "lowest item price{x}"], "E": ["the cheapest thing {s} bought{x}"],
    },
    ("mean_price", "purchase"): {
        "Q": ["what does {s} usually pay per item{x}", "what is the average price of what {s} bought{x}", "how much does {s} spend per item on average{x}"],
        "N": ["average item price{x}", "{p} average price paid{x}", "mean price per item{x}"], "E": ["the average price {s} pays{x}"],
    },
    ("last_category", "purchase"): {
        "Q": ["what category did {s} last buy from", "which category was {p} most recent purchase from", "what category was the latest item {s} bought", "which category was {p} last purchase in", "what kind of thing did {s} buy last"],
        "N": ["last bought category", "category last bought", "the category of {p} last purchase", "last purchase category", "category of the most recent order", "the category of the last purchase"], "E": ["which category {p} last purchase was in"],
    },
    ("last_brand", "purchase"): {
        "Q": ["which brand did {s} buy last", "what brand was {p} most recent purchase"],
        "N": ["the brand of {p} last purchase", "last purchase brand", "the brand of the last purchase"], "E": ["which brand {s} bought last"],
    },
    ("last_price", "purchase"): {
        "Q": ["how much did {s} pay for {p} last purchase", "what did the last item {s} bought cost"],
        "N": ["the price of the last purchase"], "E": ["what {s} paid for the last item"],
    },
    ("distinct_category", "purchase"): {
        "Q": ["how many distinct categories does {p} purchase history cover", "across how many categories has {s} bought", "how many different categories {h} {s} bought from", "in how many categories did {s} shop", "how many kinds of products did {s} buy"],
        "N": ["number of categories bought", "distinct categories purchased", "category breadth"],
        "E": ["how many different categories {s} bought from"],
    },
    ("distinct_brand", "purchase"): {
        "Q": ["how many distinct brands does {p} purchase history include", "across how many brands has {s} shopped", "how many different brands {h} {s} bought{x}", "how many brands did {s} buy from{x}"],
        "N": ["number of brands bought{x}", "distinct brands purchased{x}"], "E": ["how many brands {s} bought from{x}"],
    },
    ("distinct_product", "purchase"): {
        "Q": ["how many different products {h} {s} bought{x}", "how many distinct items did {s} purchase{x}"],
        "N": ["number of distinct products bought{x}", "unique items purchased{x}"], "E": ["how many different products {s} bought{x}"],
    },
    ("share", "purchase"): {
        "Q": ["what share of {p} spend is on category", "what percentage of {p} spending goes to brand",
              "how much of {p} spend is category", "what proportion of {p} purchases is brand", "what fraction of {p} money went on category"],
        "N": ["% of spend on category", "% spend category", "percent of {p} spend on brand", "spend share category", "share of spend on category", "percentage of spending on brand", "category share of {p} spend", "brand's share of the wallet"],
        "E": ["what share of {p} spend goes to category", "how much of {p} spending is on brand"],
    },
    ("country", "any"): {
        "Q": ["where is {s} from", "where's {s} from", "what country is {s} in", "which country does {s} shop from", "which country is {s} from", "where {h} {s} based", "what country does {s} order from", "which country do {p} orders come from"],
        "N": ["{p} country", "country of {p} orders", "country"], "E": ["which country {s} is from", "which country {s} orders from"],
    },
    ("top_category", "any"): {
        "Q": ["in which category has {s} bought the most units", "which category has {s} bought the most of", "in which product category does {s} buy the most", "where does most of {p} buying go", "which category does {s} buy the most", "what is {p} most-bought category", "what kind of products does {s} buy most",
              "what does {s} buy most often"],
        "N": ["{p} top category", "most purchased category", "favourite category by purchases"],
        "E": ["which category {s} buys most", "what {s} buys most often"],
    },
    ("suggestions", "any"): {
        "Q": ["what should we recommend to {o}", "what could we suggest to {o}", "what might {s} like to buy next",
              "what products would suit {o}", "what can we upsell to {o}"],
        "N": ["recommendations for {o}", "product suggestions", "things to recommend", "next best products", "ideas for {o}"],
        "E": ["what we should recommend to {o}", "what {s} might like next"],
    },
    ("similar", "any"): {
        "Q": ["which customers are similar to {o}", "who shops like {o}", "are there shoppers like {o}", "who else has the same taste"],
        "N": ["similar customers", "lookalike shoppers", "customers like {o}"], "E": ["which customers are like {o}"],
    },
    ("overview", "any"): {
        "Q": ["tell me about {o}", "what kind of shopper is {s}", "who is {s}", "can you summarise {o}", "what's {p} story"],
        "N": ["a summary of {o}", "an overview of {p} profile", "{p} profile", "a quick profile"],
        "E": ["what kind of customer {s} is", "a summary of {o}"],
    },
    ("stage", "any"): {
        "Q": ["is {s} active or lapsed", "what lifecycle stage is {s} in", "is {s} at risk of churning", "is {s} still active"],
        "N": ["lifecycle stage", "{p} stage", "churn risk"], "E": ["whether {s} is still active", "which stage {s} is in"],
    },
    ("likes", "any"): {
        "Q": ["what does {s} like", "what is {s} interested in", "which brands does {s} like", "what are {p} tastes"],
        "N": ["{p} interests", "favourite categories and brands", "{p} tastes"], "E": ["what {s} likes", "what {s} is into"],
    },
    ("segment", "any"): {
        "Q": ["which segment is {s} in", "is {s} a high or low spender", "what spend band is {s} in"],
        "N": ["{p} segment", "spend band", "customer segment"], "E": ["which segment {s} belongs to"],
    },
}
DECLINES: list[str] = [
    "where does {s} live", "where exactly does {s} live", "what is {p} postcode", "which street does {s} live on",
    "what is {p} phone number", "what's {p} email address", "where does {s} live exactly, street and number",
    "what is {p} home address", "how old is {s}", "when is {p} birthday", "what is {p} date of birth",
    "what does {s} earn", "what is {p} salary", "what is {p} income", "is {s} married", "does {s} have kids",
    "how much has {p} husband spent", "what did {p} wife buy", "what does {p} partner like", "what did {p} mother order",
    "does {s} have a dog", "what pets does {s} have", "what is {p} job", "where does {s} work", "what is {p} occupation",
    "is {s} healthy", "what illnesses does {s} have", "what religion is {s}", "who did {s} vote for",
    "what will the weather be tomorrow", "who won the match yesterday", "what is the capital of france",
    "what is the stock price today", "what is {p} password", "what is {p} credit card number", "what's {p} shoe size",
    "what did {s} have for breakfast", "what is {p} favourite colour", "what car does {s} drive", "how tall is {s}",
    "what is {p} instagram handle", "what's {p} social security number", "what school did {p} kids go to",
    "what is {p} gender", "what is {p} nationality", "does {s} own a house", "how much does {p} husband earn",
]

"""What a customer buys: 1–4 catalogue lines, a shipping fee, sometimes a discount.

Totals follow orders.domain.compute_totals exactly: line = quantity × unit price, subtotal =
sum of lines, total = subtotal + shipping − discount; in whole minor units nothing rounds.
"""

from orderdesk.demo.amounts import Money
from orderdesk.demo.pools import assert_copy_safe, expand, pick
from orderdesk.demo.vocab_shop import ITEMS_PER_ORDER, PRODUCTS, QUANTITIES


class Product:
    __slots__ = ("folded_sku", "name", "price", "price_text", "sku")

    def __init__(self, sku: str, name: str, price: int, money: Money):
        self.sku = sku
        self.name = name
        self.price = price
        self.price_text = money.text(price)
        self.folded_sku = sku.lower()  # SKUs are ASCII: folding is lower-casing


class Basket:
    """Lines [(product, quantity, line total)] and the order's amounts, in minor units."""

    __slots__ = ("discount", "lines", "shipping_fee", "subtotal", "total")

    def __init__(self, lines, shipping_fee: int, discount: int):
        self.lines = lines
        self.subtotal = sum(line[2] for line in lines)
        self.shipping_fee = shipping_fee
        self.discount = discount
        self.total = self.subtotal + shipping_fee - discount

    @property
    def cheapest_line(self) -> int:
        return min(line[2] for line in self.lines)


class BasketMaker:
    def __init__(self, rng, money: Money):
        self._random = rng.random
        self.money = money
        assert_copy_safe([name for _, name, _, _ in PRODUCTS] + [sku for sku, *_ in PRODUCTS])
        self.products = [
            Product(sku, name, money.from_catalogue(vnd, cents), money)
            for sku, name, vnd, cents in PRODUCTS
        ]
        self._line_counts = expand(ITEMS_PER_ORDER)
        self._quantities = expand(QUANTITIES)
        self._fees = money.shipping_fees()
        self._international_fees = money.international_shipping_fees()
        self._free_from = money.free_shipping_from()
        self._vouchers = money.voucher_amounts()

    def fill(self, *, international: bool, in_store: bool) -> Basket:
        r = self._random
        products = self.products
        wanted = pick(r, self._line_counts)
        chosen = []
        while len(chosen) < wanted:
            product = products[int(r() * len(products))]
            if product not in chosen:
                chosen.append(product)
        lines = []
        for product in chosen:
            quantity = pick(r, self._quantities)
            lines.append((product, quantity, product.price * quantity))
        subtotal = sum(line[2] for line in lines)
        return Basket(
            lines, self._shipping(subtotal, international, in_store), self._discount(subtotal)
        )

    def _shipping(self, subtotal: int, international: bool, in_store: bool) -> int:
        r = self._random
        if in_store:
            return 0
        if international:
            return pick(r, self._international_fees)
        if subtotal >= self._free_from and r() < 0.8:
            return 0
        return pick(r, self._fees)

    def _discount(self, subtotal: int) -> int:
        r = self._random
        roll = r()
        if roll < 0.08:
            voucher = pick(r, self._vouchers)
            return voucher if voucher < subtotal else 0
        if roll < 0.15:
            percent = pick(r, (5, 10, 15))
            return self.money.round_discount(subtotal * percent // 100)
        return 0

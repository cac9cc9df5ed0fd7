"""Customers: new ones, returning ones, and who the parcel goes to."""

from orderdesk.demo.addresses import AddressMaker
from orderdesk.demo.phones import Phone, PhoneMaker
from orderdesk.demo.pools import EmailMaker, Name, NameMaker

RETURNING_SHARE = 0.25  # a quarter of orders come from someone who ordered before
REMEMBERED = 20_000  # how many past customers can come back
GIFT_SHARE = 0.12  # parcels sent to someone else (family, a friend, the office)
POOL_SIZE = 8_192


class Customer:
    __slots__ = ("address", "email", "international", "name", "phone")

    def __init__(self, name: Name, phone: Phone, email: str, address: tuple, international: bool):
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
        self.international = international


class CustomerMaker:
    def __init__(self, rng, *, vietnamese_region: bool):
        self._random = rng.random
        self._names = NameMaker(rng)
        self._phones = PhoneMaker(rng, local_forms=vietnamese_region)
        self._emails = EmailMaker(rng)
        self._addresses = AddressMaker(rng)
        self._known: list[Customer] = []
        # Pools made once: a new customer then costs a few look-ups instead of dozens of
        # picks and string joins. A pooled name or address with a fresh phone number and
        # e-mail still makes millions of distinct customers.
        self._vn_names = [self._names.vietnamese() for _ in range(POOL_SIZE)]
        self._intl_names = [self._names.international() for _ in range(POOL_SIZE // 8)]
        self._vn_addresses = [self._addresses.vietnamese() for _ in range(POOL_SIZE)]

    def next(self, *, may_be_international: bool) -> Customer:
        r = self._random
        known = self._known
        if known and r() < RETURNING_SHARE:
            customer = known[int(r() * len(known))]
            if may_be_international or not customer.international:
                return customer
        customer = self._new(international=may_be_international and r() < 0.08)
        if len(known) < REMEMBERED:
            known.append(customer)
        else:
            known[int(r() * REMEMBERED)] = customer
        return customer

    def recipient(self, customer: Customer) -> tuple[Name, Phone]:
        """Usually the customer; sometimes a Vietnamese friend or relative."""
        r = self._random
        if customer.international or r() >= GIFT_SHARE:
            return customer.name, customer.phone
        return self._vn_names[int(r() * POOL_SIZE)], self._phones.vietnamese()

    def _new(self, *, international: bool) -> Customer:
        r = self._random
        intl_names = self._intl_names
        if international:
            name = intl_names[int(r() * len(intl_names))]
            phone = self._phones.international()
            address = self._addresses.international()
            email = self._emails.for_name(name)
        else:
            if r() < 0.04:
                name = intl_names[int(r() * len(intl_names))]
            else:
                name = self._vn_names[int(r() * POOL_SIZE)]
            phone = self._phones.vietnamese()
            address = self._vn_addresses[int(r() * POOL_SIZE)]
            email = self._emails.for_name(name) if r() < 0.7 else ""
        return Customer(name, phone, email, address, international)

#!/usr/bin/env python3
"""Failed sign-ins from many addresses, and a member signing in correctly meanwhile.

    bench/sign_in_flood.py HOST PORT SECONDS RATE

Reads SIGNIN_EMAIL, SIGNIN_PASSWORD and SIGNIN_TOTP (base32) from the environment
(bench/sign_in_flood.sh sources them from the seeded bench.env). The member signs in
once before the flood (the browser gets its device cookie), then, during the flood,
again with the cookie (the next TOTP step) and once without it (a browser the server has
never seen). The flood sends RATE wrong passwords a second for the member's account,
each from another loopback address (127.1.x.y). Prints one JSON line of figures.
"""
import asyncio
import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import time


def totp(secret_base32, at):
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000
    return f"{code:06d}"


async def post_session(host, port, body, cookie=None, local=None, timeout=60.0):
    """POST /api/session; (status, device cookie or None, seconds)."""
    started = time.monotonic()
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, local_addr=(local, 0) if local else None), timeout)
    data = json.dumps(body).encode()
    head = (f"POST /api/session HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n")
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    writer.write(head.encode() + b"\r\n" + data)
    await writer.drain()
    try:
        answer = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0
    device = None
    for line in answer.split(b"\r\n"):
        if line.lower().startswith(b"set-cookie: conduct_device="):
            device = line.split(b": ", 1)[1].split(b";", 1)[0].decode()
    return status, device, time.monotonic() - started


async def main():
    host, port, seconds, rate = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    email, password, secret = os.environ["SIGNIN_EMAIL"], os.environ["SIGNIN_PASSWORD"], os.environ["SIGNIN_TOTP"]

    now = time.time()
    status, device, _ = await post_session(host, port, {"email": email, "password": password,
                                                         "code": totp(secret, now)})
    if status != 201 or not device:
        print(json.dumps({"error": f"the first sign-in answered {status}"}))
        return 1
    first_step = int(now) // 30

    flood_statuses = {}
    flood_tasks = []

    async def one_failure(number):
        address = f"127.1.{number // 250 % 250}.{number % 250 + 1}"
        try:
            status, _, _ = await post_session(host, port, {"email": email, "password": f"guess {number}",
                                                           "code": "000000"}, local=address, timeout=seconds + 30)
        except (OSError, asyncio.TimeoutError):
            status = "dropped"
        flood_statuses[str(status)] = flood_statuses.get(str(status), 0) + 1

    async def flood():
        started = time.monotonic()
        number = 0
        while time.monotonic() - started < seconds:
            flood_tasks.append(asyncio.create_task(one_failure(number)))
            number += 1
            await asyncio.sleep(1.0 / rate)

    async def member():
        # The next TOTP step (codes work once), then sign in with the device cookie.
        while int(time.time()) // 30 <= first_step:
            await asyncio.sleep(0.2)
        await asyncio.sleep(2)  # well into the flood
        now = time.time()
        with_cookie = await post_session(host, port, {"email": email, "password": password, "code": totp(secret, now)},
                                         cookie=device)
        # A browser the server has not seen, at the step after (it waits with the strangers).
        while int(time.time()) // 30 <= int(now) // 30:
            await asyncio.sleep(0.2)
        without = await post_session(host, port, {"email": email, "password": password,
                                                  "code": totp(secret, time.time())}, timeout=seconds + 30)
        return with_cookie, without

    flooding = asyncio.create_task(flood())
    (with_cookie, without) = await member()
    await flooding
    await asyncio.gather(*flood_tasks)
    print(json.dumps({
        "flood_rate_per_s": rate,
        "flood_seconds": seconds,
        "flood_answers": flood_statuses,
        "member_with_device_cookie": {"status": with_cookie[0], "seconds": round(with_cookie[2], 3)},
        "member_without_device_cookie": {"status": without[0], "seconds": round(without[2], 3)},
    }))
    return 0


sys.exit(asyncio.run(main()))

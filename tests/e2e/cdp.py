"""A small Chrome DevTools Protocol client for Chromium under chromedriver: one websocket to the browser (the
`debuggerAddress` chromedriver reports; websocket-client comes with Selenium), flat sessions on a page or worker
target, and a reader thread that keeps events and answers Debugger pauses at once, so that a page paused on an
instrumentation breakpoint never blocks the WebDriver. Used by the footprint tests and by the benchmark.
"""

import itertools
import json
import threading
import time
from urllib.request import urlopen

import websocket

# Pauses recorded by `Cdp.record_timers`: the instrumentation breakpoints for "something will run later".
TIMER_EVENTS = ("setTimeout", "setInterval", "requestAnimationFrame")


class CdpError(RuntimeError):
    pass


class Cdp:
    """`Cdp(driver)`; `attach(target_id)` gives a session id for `send(method, params, session)`."""

    def __init__(self, driver, timeout=15):
        address = driver.capabilities["goog:chromeOptions"]["debuggerAddress"]
        with urlopen(f"http://{address}/json/version", timeout=timeout) as res:
            url = json.load(res)["webSocketDebuggerUrl"]
        self.ws = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self.timeout = timeout
        self.ids = itertools.count(1)
        self.lock = threading.Lock()
        self.answered = threading.Condition()
        self.answers = {}
        self.contexts = {}  # session -> {context id: context description}
        self.pauses = []  # (monotonic time, event name, url of the calling script)
        self.scripts = {}  # script id -> URL, from Debugger.scriptParsed
        self.closed = False
        self.reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self.reader.start()

    # -- plumbing -----------------------------------------------------------------------------------------------
    def _write(self, message):
        with self.lock:
            self.ws.send(json.dumps(message))

    def _read(self):
        while not self.closed:
            try:
                message = json.loads(self.ws.recv())
            except (websocket.WebSocketException, OSError, ValueError):
                if self.closed:
                    return
                continue
            if "id" in message:
                with self.answered:
                    self.answers[message["id"]] = message
                    self.answered.notify_all()
            else:
                self._event(message)

    def _event(self, message):
        method, params, session = message.get("method"), message.get("params", {}), message.get("sessionId")
        if method == "Debugger.paused":
            frames = params.get("callFrames") or [{}]
            script = frames[0].get("location", {}).get("scriptId")
            event = (params.get("data") or {}).get("eventName", params.get("reason", ""))
            self.pauses.append((time.monotonic(), event.removeprefix("instrumentation:"), self.scripts.get(script, "")))
            self._write({"id": next(self.ids), "method": "Debugger.resume", "sessionId": session})
        elif method == "Debugger.scriptParsed":
            self.scripts[params["scriptId"]] = params.get("url", "")
        elif method == "Runtime.executionContextCreated":
            context = params["context"]
            self.contexts.setdefault(session, {})[context["id"]] = context
        elif method == "Runtime.executionContextDestroyed":
            self.contexts.get(session, {}).pop(params["executionContextId"], None)
        elif method == "Runtime.executionContextsCleared":
            self.contexts.get(session, {}).clear()

    def send(self, method, params=None, session=None):
        """Sends one command and waits for its answer; raises CdpError on an error answer or no answer."""
        message_id = next(self.ids)
        message = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + self.timeout
        with self.answered:
            while message_id not in self.answers:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CdpError(f"{method}: no answer within {self.timeout} s")
                self.answered.wait(left)
            answer = self.answers.pop(message_id)
        if "error" in answer:
            raise CdpError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def close(self):
        self.closed = True
        try:
            self.ws.close()
        except (websocket.WebSocketException, OSError):
            pass

    # -- targets ------------------------------------------------------------------------------------------------
    def targets(self):
        return self.send("Target.getTargets")["targetInfos"]

    def attach(self, target_id):
        return self.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]

    def watch_contexts(self, session):
        """Follows the session's JavaScript worlds (the page's and every isolated world, e.g. content scripts)."""
        self.contexts.setdefault(session, {})
        self.send("Runtime.enable", {}, session)

    def isolated_world(self, session, origin):
        """The live execution context of the world whose origin is `origin` (an extension's content scripts), or
        None. The newest wins: after a navigation the old document's worlds are gone."""
        found = [c for c in self.contexts.get(session, {}).values()
                 if c.get("origin") == origin and not c.get("auxData", {}).get("isDefault")]
        return max(found, key=lambda c: c["id"])["id"] if found else None

    # -- measurements -------------------------------------------------------------------------------------------
    def count_instances(self, session, context_id, constructor):
        """How many objects in the world `context_id` have `constructor`.prototype, after a full garbage
        collection: e.g. the live MutationObservers a content script created (those it dropped are collected)."""
        group = "notrain-probe"
        try:
            self.send("HeapProfiler.collectGarbage", {}, session)
            proto = self.send("Runtime.evaluate", {"expression": f"{constructor}.prototype", "contextId": context_id,
                                                   "objectGroup": group}, session)["result"]
            found = self.send("Runtime.queryObjects", {"prototypeObjectId": proto["objectId"], "objectGroup": group},
                              session)["objects"]
            length = self.send("Runtime.callFunctionOn", {"objectId": found["objectId"], "returnByValue": True,
                                                          "functionDeclaration": "function () { return this.length; }"},
                               session)
            return length["result"]["value"]
        finally:
            self.send("Runtime.releaseObjectGroup", {"objectGroup": group}, session)

    def record_timers(self, session):
        """From now on, every setTimeout, setInterval and requestAnimationFrame call in the page (any world) pauses
        for an instant and lands in `pauses` with the URL of the script that called it."""
        self.send("Debugger.enable", {}, session)
        for name in TIMER_EVENTS:
            self.send("DOMDebugger.setInstrumentationBreakpoint", {"eventName": name}, session)

    def timer_calls(self, url_prefix, since=0.0):
        """[(event, url)] of the timer calls recorded after monotonic time `since` by scripts under `url_prefix`."""
        return [(event, url) for at, event, url in list(self.pauses)
                if at >= since and url.startswith(url_prefix) and event in TIMER_EVENTS]

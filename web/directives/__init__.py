"""督办: chasing departments for their reports (催报), numbered supervision notices with a reply deadline
(督办单) and the loop of a leader's instructions (批示: who must act, by when, their replies).

Models in ``models.py``; each workflow step one audited service (``chases.py``, ``instructions.py``); every
outgoing message goes through ``web.supervision.notify.send_notice``; permission logic in ``access.py``.
"""

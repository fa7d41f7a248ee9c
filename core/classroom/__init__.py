"""The class room: a teacher opens a room, students join with a code, their lesson answers
and run results are pooled and shown live (storage in ``store``, charts in ``figures``)."""

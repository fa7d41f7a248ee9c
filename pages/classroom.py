"""The class room: a teacher's room with a join code, students' answers pooled live."""

from ui.classroom.room import room_page
from ui.common.frame import page_header

page_header("classroom.page", "classroom.teaches")
room_page()

"""Strings of the class room (a teacher's room, students joining with a code) and of lesson
mode, shared by every lab."""

STRINGS = {
    "classroom.nav": {"ko": "수업", "en": "Class"},
    "classroom.page": {"ko": "수업 방", "en": "Class room"},
    "classroom.teaches": {
        "ko": "교사가 방을 열면 학생들이 참여 코드로 들어와 답을 보냅니다. 반 전체의 답과 결과가 실시간으로 모입니다.",
        "en": "A teacher opens a room, students join with its code and send their answers: the whole "
        "class's answers and results gather live.",
    },
    # ------------------------------------------------------------ teacher
    "classroom.open": {"ko": "새 방 열기 (교사)", "en": "Open a new room (teacher)"},
    "classroom.open_help": {
        "ko": "참여 코드와 교사용 비밀 링크가 만들어집니다. 비밀 링크는 학생에게 보여 주지 마세요.",
        "en": "Makes a join code and a secret teacher link. Never show the teacher link to students.",
    },
    "classroom.code_title": {"ko": "참여 코드", "en": "Join code"},
    "classroom.code_hint": {
        "ko": "학생들은 **수업 방** 페이지에서 이 코드를 입력합니다.",
        "en": "Students type this code on the **Class room** page.",
    },
    "classroom.teacher_link": {
        "ko": "교사용 비밀 링크 (북마크하세요. 이 링크만 공개·숨기기·지우기·닫기를 할 수 있습니다)",
        "en": "Secret teacher link (bookmark it: only this link can reveal, hide, clear and close)",
    },
    "classroom.projector_link": {
        "ko": "프로젝터용 (사이드바·메뉴 없이 큰 글씨로):",
        "en": "For the projector (no sidebar or menus, large type):",
    },
    "classroom.students": {"ko": "참여 학생", "en": "Students joined"},
    "classroom.answers_count": {"ko": "받은 답", "en": "Answers received"},
    "classroom.question": {"ko": "지금 묻는 질문", "en": "The question asked now"},
    "classroom.no_question": {"ko": "(질문 없음)", "en": "(no question)"},
    "classroom.reveal": {"ko": "학생들에게 결과 공개", "en": "Show the results to the class"},
    "classroom.clear": {"ko": "이 질문의 답 지우기", "en": "Clear this question's answers"},
    "classroom.cleared": {
        "ko": "답 {count}개를 지웠습니다.",
        "en": "Cleared {count} {count:plural:answer|answers}.",
    },
    "classroom.close": {"ko": "방 닫기", "en": "Close the room"},
    "classroom.closed": {"ko": "방을 닫았습니다.", "en": "The room is closed."},
    "classroom.histogram": {"ko": "반 전체의 답", "en": "The class's answers"},
    "classroom.by_strategy": {"ko": "전략별 결과", "en": "Results by strategy"},
    "classroom.value": {"ko": "정확도", "en": "Accuracy"},
    "classroom.no_answers": {"ko": "아직 답이 없습니다.", "en": "No answers yet."},
    "classroom.correct_is": {"ko": "정답: **{answer}**", "en": "Correct answer: **{answer}**"},
    "classroom.table": {"ko": "학생별 답", "en": "Answers by student"},
    "classroom.col.student": {"ko": "학생", "en": "Student"},
    "classroom.col.answer": {"ko": "답", "en": "Answer"},
    "classroom.col.strategy": {"ko": "전략", "en": "Strategy"},
    "classroom.col.value": {"ko": "값", "en": "Value"},
    "classroom.anonymous": {"ko": "학생 {number}", "en": "Student {number}"},
    "classroom.result.transfer_learning": {
        "ko": "전이 학습 실행 결과 (테스트 정확도)",
        "en": "Transfer-learning runs (test accuracy)",
    },
    "classroom.result.experiment.small_close": {
        "ko": "전략 실험: 작은 표본 · ImageNet과 비슷함 (전략별 평균 테스트 정확도)",
        "en": "Strategy experiment: small · close to ImageNet (mean test accuracy per strategy)",
    },
    "classroom.result.experiment.small_far": {
        "ko": "전략 실험: 작은 표본 · ImageNet과 다름 (전략별 평균 테스트 정확도)",
        "en": "Strategy experiment: small · far from ImageNet (mean test accuracy per strategy)",
    },
    "classroom.result.experiment.large_close": {
        "ko": "전략 실험: 큰 표본 · ImageNet과 비슷함 (전략별 평균 테스트 정확도)",
        "en": "Strategy experiment: large · close to ImageNet (mean test accuracy per strategy)",
    },
    "classroom.result.experiment.large_far": {
        "ko": "전략 실험: 큰 표본 · ImageNet과 다름 (전략별 평균 테스트 정확도)",
        "en": "Strategy experiment: large · far from ImageNet (mean test accuracy per strategy)",
    },
    "classroom.result.karate": {"ko": "가라테 클럽 정확도", "en": "Karate-club accuracy"},
    "classroom.result.classify": {
        "ko": "그래프 분류 정확도",
        "en": "Graph-classification accuracy",
    },
    # ------------------------------------------------------------ students
    "classroom.join_title": {"ko": "방에 참여하기 (학생)", "en": "Join a room (student)"},
    "classroom.code": {"ko": "참여 코드", "en": "Join code"},
    "classroom.nickname": {"ko": "별명 (선택)", "en": "Nickname (optional)"},
    "classroom.nickname_help": {
        "ko": "다른 사람이 보게 될 이름입니다. 실명은 쓰지 않아도 됩니다. 24자까지.",
        "en": "The name others see; no real name needed. Up to 24 characters.",
    },
    "classroom.join": {"ko": "참여", "en": "Join"},
    "classroom.joined": {
        "ko": "방 **{code}**에 참여했습니다.",
        "en": "You joined room **{code}**.",
    },
    "classroom.wait": {
        "ko": "교사가 질문을 고를 때까지 기다리세요.",
        "en": "Wait for the teacher to pick a question.",
    },
    "classroom.your_answer": {"ko": "내 답", "en": "My answer"},
    "classroom.send": {"ko": "답 보내기", "en": "Send my answer"},
    "classroom.sent": {"ko": "보낸 답: **{answer}**", "en": "Answer sent: **{answer}**"},
    "classroom.hidden": {
        "ko": "교사가 공개하면 반 전체의 답이 여기에 나타납니다.",
        "en": "The class's answers appear here when the teacher reveals them.",
    },
    "classroom.hidden_teacher": {
        "ko": "답이 숨겨져 있습니다. **학생들에게 결과 공개**를 켜면 차트와 정답이 나타납니다.",
        "en": "The answers are hidden: switch on **Show the results to the class** for the chart and the correct answer.",
    },
    "classroom.leave": {"ko": "방 나가기", "en": "Leave the room"},
    # ------------------------------------------------------------ errors
    "classroom.error.no_room": {
        "ko": "그런 참여 코드의 방이 없습니다. 코드를 다시 확인하세요.",
        "en": "No room has that join code. Check the code.",
    },
    "classroom.error.closed": {"ko": "이 방은 닫혔습니다.", "en": "This room is closed."},
    "classroom.error.expired": {
        "ko": "이 방은 시간이 지나 만료되었습니다. 교사에게 새 방을 열어 달라고 하세요.",
        "en": "This room has expired. Ask the teacher to open a new one.",
    },
    "classroom.error.rate_limited": {
        "ko": "지금 참여 요청이 너무 많습니다. 잠시 후 다시 시도하세요.",
        "en": "Too many joins right now. Try again in a minute.",
    },
    "classroom.error.not_teacher": {
        "ko": "이 링크로는 방을 관리할 수 없습니다 (교사용 비밀 링크가 아닙니다).",
        "en": "This link cannot manage the room (it is not the secret teacher link).",
    },
    "classroom.error.not_joined": {
        "ko": "방에 참여하지 않았습니다. 참여 코드를 입력하세요.",
        "en": "You have not joined a room. Type the join code.",
    },
    "classroom.error.empty_answer": {
        "ko": "답을 고르거나 입력하세요.",
        "en": "Choose or type an answer.",
    },
    "classroom.error.database": {
        "ko": "수업 방 데이터베이스에 연결할 수 없습니다. 관리자에게 CLASSROOM_DB_URL 설정을 확인해 달라고 하세요.",
        "en": "The class-room database cannot be reached. Ask the administrator to check CLASSROOM_DB_URL.",
    },
    # ------------------------------------------------------------ teacher links
    "classroom.link.title": {"ko": "교사용 링크 만들기", "en": "Make a teacher link"},
    "classroom.link.help": {
        "ko": "지금 이 실습의 값이 링크에 고정됩니다. 숨긴 컨트롤은 학생이 바꿀 수 없습니다.",
        "en": "The lab's current values go into the link; hidden controls cannot be changed by students.",
    },
    "classroom.link.hide": {"ko": "숨길 컨트롤", "en": "Controls to hide"},
    "classroom.link.present": {
        "ko": "발표 화면 (사이드바·메뉴 숨김, 큰 글씨)",
        "en": "Presentation layout (no sidebar or menus, large type)",
    },
    # ------------------------------------------------------------ lesson mode
    "classroom.lesson.toggle": {"ko": "수업 모드", "en": "Lesson mode"},
    "classroom.lesson.toggle_help": {
        "ko": "질문에 먼저 답하고, 실행 결과로 확인하고, 이유를 읽습니다.",
        "en": "Answer a question first, then check it against the live result and read why.",
    },
    "classroom.lesson.step": {"ko": "{step} / {total} 단계", "en": "Step {step} of {total}"},
    "classroom.lesson.answer": {"ko": "답하기", "en": "Answer"},
    "classroom.lesson.next": {"ko": "다음 질문", "en": "Next question"},
    "classroom.lesson.restart": {"ko": "처음부터", "en": "Start again"},
    "classroom.lesson.right": {"ko": "맞았습니다!", "en": "Right!"},
    "classroom.lesson.wrong": {
        "ko": "아쉽네요. 정답은 **{answer}**입니다.",
        "en": "Not quite: the answer is **{answer}**.",
    },
    "classroom.lesson.done": {
        "ko": "수업 끝: {total}문제 중 {score}문제를 맞혔습니다.",
        "en": "Lesson done: {score} of {total} right.",
    },
    "classroom.lesson.number": {"ko": "숫자로 답하기", "en": "Your number"},
    "classroom.lesson.sent_to_room": {
        "ko": "답을 수업 방에 보냈습니다.",
        "en": "Your answer went to the class room.",
    },
}
